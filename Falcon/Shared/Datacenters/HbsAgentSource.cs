using Falcon.Shared.Model.Agents;
using Falcon.Shared.Wire;

namespace Falcon.Shared.Datacenters;

/// <summary>
/// One hbs as a source of agents: asks Falcon's Hbs.GetAgentsSeen (hostnames with their last heartbeat), or the fork's
/// Hbs.GetAgents (hostnames only) from an hbs that lacks it, with retries; keeps the last good copy for when it is down.
/// </summary>
internal sealed class HbsAgentSource : IAsyncDisposable
{
    public const string SeenMethod = "Hbs.GetAgentsSeen";
    public const string PlainMethod = "Hbs.GetAgents";

    private readonly JsonRpcClient _client;
    private readonly DatacenterMapOptions _options;
    private readonly TimeProvider _timeProvider;
    private bool _seenUnsupported;

    public HbsAgentSource(string address, DatacenterMapOptions options, TimeProvider timeProvider)
    {
        Address = address;
        _options = options;
        _timeProvider = timeProvider;
        _client = new JsonRpcClient(
            [address],
            new JsonRpcClientOptions
            {
                CallTimeout = options.CallTimeout,
                DialTimeout = options.CallTimeout < TimeSpan.FromSeconds(1) ? options.CallTimeout : TimeSpan.FromSeconds(1),
                ReconnectDelay = TimeSpan.Zero,
                MaxReconnectDelay = TimeSpan.Zero,
            },
            timeProvider: timeProvider);
    }

    public string Address { get; }

    /// <summary>The last copy fetched successfully, or null before the first success.</summary>
    public HbsAgentCopy? LastGood { get; private set; }

    /// <summary>The error of the last refresh, or null when it succeeded.</summary>
    public string? LastError { get; private set; }

    /// <summary>Fetches a fresh copy (with <see cref="DatacenterMapOptions.Retries"/> retries); on failure keeps the last good one.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var delay = _options.RetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                LastGood = new HbsAgentCopy(Address, await FetchAsync(cancellationToken), _timeProvider.GetUtcNow());
                LastError = null;
                return true;
            }
            catch (Exception e) when (e is IOException or TimeoutException or JsonRpcException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
            {
                LastError = e.Message;
                if (attempt >= _options.Retries)
                {
                    return false;
                }
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _timeProvider, cancellationToken);
            }

            delay *= 2;
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private async Task<IReadOnlyDictionary<string, long?>> FetchAsync(CancellationToken cancellationToken)
    {
        if (!_seenUnsupported)
        {
            try
            {
                var seen = await _client.CallAsync(SeenMethod, new NullRpcRequest(), AgentJsonContext.Default.NullRpcRequest, AgentJsonContext.Default.AgentsSeenResponse, cancellationToken);
                var result = new Dictionary<string, long?>(seen.Agents.Count, StringComparer.OrdinalIgnoreCase);
                foreach (var agent in seen.Agents)
                {
                    if (!string.IsNullOrEmpty(agent.Hostname))
                    {
                        result[agent.Hostname] = agent.LastSeen;
                    }
                }

                return result;
            }
            catch (JsonRpcException e) when (e.Message.Contains("can't find", StringComparison.Ordinal))
            {
                // An open-falcon fork hbs: it knows who is connected but not when they last heartbeated.
                _seenUnsupported = true;
            }
        }

        var plain = await _client.CallAsync(PlainMethod, new NullRpcRequest(), AgentJsonContext.Default.NullRpcRequest, AgentJsonContext.Default.AgentsResponse, cancellationToken);
        var hosts = new Dictionary<string, long?>(plain.Agent.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var host in plain.Agent)
        {
            if (!string.IsNullOrEmpty(host))
            {
                hosts[host] = null;
            }
        }

        return hosts;
    }
}
