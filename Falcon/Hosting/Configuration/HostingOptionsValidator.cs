using Microsoft.Extensions.Options;

namespace Falcon.Hosting.Configuration;

[OptionsValidator]
internal sealed partial class HostingOptionsValidator : IValidateOptions<HostingOptions>;
