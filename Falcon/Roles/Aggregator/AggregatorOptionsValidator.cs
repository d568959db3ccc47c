using Microsoft.Extensions.Options;

namespace Falcon.Roles.Aggregator;

[OptionsValidator]
internal sealed partial class AggregatorOptionsValidator : IValidateOptions<AggregatorOptions>;
