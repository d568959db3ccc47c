using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Escalation;

[OptionsValidator]
internal sealed partial class EscalationOptionsValidator : IValidateOptions<EscalationOptions>;
