using Microsoft.Extensions.Options;

namespace Falcon.Hosting;

[OptionsValidator]
internal sealed partial class HostingOptionsValidator : IValidateOptions<HostingOptions>;
