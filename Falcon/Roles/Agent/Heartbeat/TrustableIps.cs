namespace Falcon.Roles.Agent.Heartbeat;

/// <summary>The IPs hbs last listed as trusted (`Agent.TrustableIps`, hbs's `trustable`), shown on `/ips`.</summary>
internal sealed class TrustableIps
{
    private volatile IReadOnlyList<string> _current = [];

    public IReadOnlyList<string> Current => _current;

    /// <summary>Takes hbs's comma-joined answer; empty entries are dropped.</summary>
    public void Replace(string commaJoined) =>
        _current = (commaJoined ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
