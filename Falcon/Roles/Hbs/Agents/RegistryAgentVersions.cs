using Falcon.Roles.Hbs.Upgrade;

namespace Falcon.Roles.Hbs.Agents;

/// <summary>The registry as /agentversions sees it: hostname → version last reported here.</summary>
internal sealed class RegistryAgentVersions(AgentRegistry registry) : IAgentVersions
{
    public IReadOnlyDictionary<string, string> GetVersions() => registry.Versions();
}
