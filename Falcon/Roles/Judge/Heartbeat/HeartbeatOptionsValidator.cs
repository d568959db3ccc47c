using Microsoft.Extensions.Options;

namespace Falcon.Roles.Judge.Heartbeat;

[OptionsValidator]
internal sealed partial class HeartbeatOptionsValidator : IValidateOptions<HeartbeatOptions>;
