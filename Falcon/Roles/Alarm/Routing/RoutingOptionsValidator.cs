using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Routing;

[OptionsValidator]
internal sealed partial class RoutingOptionsValidator : IValidateOptions<RoutingOptions>;
