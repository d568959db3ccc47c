using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Collectors;

[OptionsValidator]
internal sealed partial class CollectorOptionsValidator : IValidateOptions<CollectorOptions>;
