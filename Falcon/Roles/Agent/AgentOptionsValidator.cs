using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent;

[OptionsValidator]
internal sealed partial class AgentOptionsValidator : IValidateOptions<AgentOptions>;
