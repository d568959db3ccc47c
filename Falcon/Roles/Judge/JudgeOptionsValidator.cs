using Microsoft.Extensions.Options;

namespace Falcon.Roles.Judge.Sync;

[OptionsValidator]
internal sealed partial class JudgeSyncOptionsValidator : IValidateOptions<JudgeSyncOptions>;
