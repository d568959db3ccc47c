using Falcon.Roles.Hbs.Upgrade;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>The agent registry's versions as a fixed map.</summary>
internal sealed class FixedAgentVersions(IReadOnlyDictionary<string, string> versions) : IAgentVersions
{
    public IReadOnlyDictionary<string, string> GetVersions() => versions;
}
