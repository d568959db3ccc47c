using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Heartbeat;

[OptionsValidator]
internal sealed partial class PipelineWatchOptionsValidator : IValidateOptions<PipelineWatchOptions>;
