using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Falcon.Roles.Aggregator.Targets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Aggregator.Inputs;

/// <summary>
/// Group host lists from hbs's HTTP API, the `aggregator.hbs` addresses tried in turn. An answer is reused for
/// <see cref="FreshFor"/> (every definition on the group in one step shares one request); when every hbs fails, the
/// last good answer is returned flagged stale, so a failed lookup never shrinks a group to nothing.
/// </summary>
internal sealed class HbsHostLists : IHostLists
{
    /// <summary>How long one answer serves: shorter than any sane step, long enough to share it within one.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly Uri[] _servers;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly AggregatorMetrics _metrics;
    private readonly ILogger<HbsHostLists> _logger;
    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<HostList>>> _inFlight = new(StringComparer.Ordinal);

    public HbsHostLists(HttpClient http, IOptions<AggregatorOptions> options, TimeProvider time, AggregatorMetrics metrics, ILogger<HbsHostLists> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _servers = [.. options.Value.HbsToAsk().Select(static a => HbsAddress.TryParse(a, out var uri) ? uri : throw new ArgumentException($"bad hbs address '{a}'"))];
        _timeout = options.Value.HbsTimeout;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    public Task<HostList> ByNameAsync(string name, CancellationToken cancellationToken) =>
        GetAsync("name:" + name, $"hostgroup/{Uri.EscapeDataString(name)}/hosts", ReadNames, cancellationToken);

    public Task<HostList> ByIdAsync(long groupId, CancellationToken cancellationToken) =>
        GetAsync($"id:{groupId}", $"hostgroup/id/{groupId}/hosts", ReadMembers, cancellationToken);

    private async Task<HostList> GetAsync(string key, string path, Func<string, IReadOnlyList<GroupHost>> read, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && now - cached.At < FreshFor)
        {
            return cached.List;
        }

        var fetch = _inFlight.GetOrAdd(key, _ => new Lazy<Task<HostList>>(() => FetchAsync(key, path, read)));
        try
        {
            return await fetch.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<HostList>>>(key, fetch));
        }
    }

    private async Task<HostList> FetchAsync(string key, string path, Func<string, IReadOnlyList<GroupHost>> read)
    {
        var errors = new List<string>(_servers.Length);
        foreach (var server in _servers)
        {
            var url = new Uri(server, path);
            try
            {
                using var timeout = new CancellationTokenSource(_timeout, _time);
                using var response = await _http.GetAsync(url, timeout.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    errors.Add($"{url}: HTTP {(int)response.StatusCode} {Shorten(body)}");
                    continue;
                }

                var list = new HostList(read(body), Stale: false);
                _cache[key] = new Cached(list, _time.GetUtcNow());
                return list;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException)
            {
                errors.Add($"{url}: {e.Message}");
            }
        }

        _metrics.HostListFailed();
        var error = string.Join("; ", errors);
        if (_cache.TryGetValue(key, out var last))
        {
            Log.HostListStale(_logger, key, last.At, error);
            return last.List with { Stale = true };
        }

        throw new HostListUnavailableException($"no hbs answered for group {key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..]}: {error}");
    }

    private static List<GroupHost> ReadNames(string body)
    {
        var reply = JsonSerializer.Deserialize(body, AggregatorJsonContext.Default.HbsReplyListString);
        return [.. (reply?.Data ?? []).Where(static h => !string.IsNullOrEmpty(h)).Select(static h => new GroupHost(h, 0, 0))];
    }

    private static List<GroupHost> ReadMembers(string body)
    {
        var reply = JsonSerializer.Deserialize(body, AggregatorJsonContext.Default.HbsReplyListHbsGroupMember);
        return [.. (reply?.Data ?? []).Where(static h => h.Hostname.Length > 0).Select(static h => new GroupHost(h.Hostname, h.MaintainBegin, h.MaintainEnd))];
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] : text.Trim();

    private sealed record Cached(HostList List, DateTimeOffset At);
}
