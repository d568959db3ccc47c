using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Silences;

[OptionsValidator]
internal sealed partial class SilenceOptionsValidator : IValidateOptions<SilenceOptions>;
