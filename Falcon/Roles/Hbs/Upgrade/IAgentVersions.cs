namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>
/// The agent registry's view for `GET /agentversions` (the fork's NowAgentVersionMap): hostname → the version each
/// agent heartbeating to this hbs last reported, exactly as reported (`5.1.2@3f2a9c` stays as is).
/// </summary>
internal interface IAgentVersions
{
    /// <summary>A point-in-time copy; the caller may serialize it while heartbeats keep changing the registry.</summary>
    IReadOnlyDictionary<string, string> GetVersions();
}
