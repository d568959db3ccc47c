using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Upgrade;

[OptionsValidator]
internal sealed partial class SelfUpgradeOptionsValidator : IValidateOptions<SelfUpgradeOptions>;
