using Microsoft.Extensions.Options;

namespace Falcon.Roles.Hbs.Upgrade;

[OptionsValidator]
internal sealed partial class HbsUpgradeOptionsValidator : IValidateOptions<HbsUpgradeOptions>;
