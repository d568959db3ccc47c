using Falcon.Roles.Agent;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Agent;

/// <summary>Agent options as the role would bind them, for unit tests.</summary>
internal static class AgentTestOptions
{
    public static IOptions<AgentOptions> Create(Action<AgentOptions>? configure = null)
    {
        var options = new AgentOptions { Hostname = "web-01" };
        configure?.Invoke(options);
        AgentOptionsRules.ApplyDefaults(options);
        return Options.Create(options);
    }
}
