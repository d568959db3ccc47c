using Microsoft.Extensions.Options;

namespace Falcon.Roles.Hbs;

[OptionsValidator]
internal sealed partial class HbsOptionsValidator : IValidateOptions<HbsOptions>;
