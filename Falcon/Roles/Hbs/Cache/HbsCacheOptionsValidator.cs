using Microsoft.Extensions.Options;

namespace Falcon.Roles.Hbs.Cache;

[OptionsValidator]
internal sealed partial class HbsCacheOptionsValidator : IValidateOptions<HbsCacheOptions>;
