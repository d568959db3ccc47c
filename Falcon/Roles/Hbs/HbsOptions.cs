using Falcon.Shared.Configuration;


namespace Falcon.Roles.Hbs;

/// <summary>The `hbs` section: listeners, trusted IPs and the agent registry.</summary>
internal sealed class HbsOptions
{
    public const string SectionName = "hbs";

    /// <summary>JSON-RPC listener for agents and judges (open-falcon's `listen`).</summary>
    [ListenAddress("hbs.rpcListen")]
    public string RpcListen { get; set; } = "0.0.0.0:6030";

    /// <summary>HTTP listener (open-falcon's `http.listen`).</summary>
    [ListenAddress("hbs.httpListen")]
    public string HttpListen { get; set; } = "0.0.0.0:6031";

    /// <summary>IPs returned by `Agent.TrustableIps` (open-falcon's `trustable`).</summary>
    public IList<string> Trustable { get; set; } = [];

    /// <summary>An agent silent for longer than this is dropped from the registry (open-falcon: 24 h).</summary>
    [DurationRange("hbs.agentExpiry", "00:01:00", "30.00:00:00")]
    public TimeSpan AgentExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many host rows one MySQL write batch holds.</summary>
    [KeyedRange("hbs.hostWriteBatch", 1, 10_000)]
    public int HostWriteBatch { get; set; } = 500;
}
