using Microsoft.Extensions.Options;

namespace Falcon.Roles.ApiProxy;

[OptionsValidator]
internal sealed partial class ApiProxyOptionsValidator : IValidateOptions<ApiProxyOptions>;
