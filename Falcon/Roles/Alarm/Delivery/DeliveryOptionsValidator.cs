using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Delivery;

[OptionsValidator]
internal sealed partial class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>;
