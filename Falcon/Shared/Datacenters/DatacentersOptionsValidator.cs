using Microsoft.Extensions.Options;

namespace Falcon.Shared.Datacenters;

[OptionsValidator]
internal sealed partial class DatacentersOptionsValidator : IValidateOptions<DatacentersOptions>;
