using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm;

[OptionsValidator]
internal sealed partial class AlarmOptionsValidator : IValidateOptions<AlarmOptions>;
