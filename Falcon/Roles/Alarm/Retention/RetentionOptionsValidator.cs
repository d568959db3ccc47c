using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Retention;

[OptionsValidator]
internal sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;
