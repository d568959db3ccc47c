using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Consumption;

[OptionsValidator]
internal sealed partial class ConsumerOptionsValidator : IValidateOptions<ConsumerOptions>;
