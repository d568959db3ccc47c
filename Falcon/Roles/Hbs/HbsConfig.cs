using System.Diagnostics.CodeAnalysis;
using Falcon.Roles.Hbs.Cache;
using Falcon.Roles.Hbs.Config;
using Falcon.Roles.Hbs.Http;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Hbs;

/// <summary>
/// The configuration view hbs answers from, rebuilt whenever the snapshot cache installs a snapshot with other
/// data. Until the first snapshot arrives there is no view, and callers say so rather than answer with empty data.
/// </summary>
internal sealed class HbsConfig : IDisposable
{
    private readonly SnapshotCache _cache;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HbsConfig> _logger;
    private readonly Lock _gate = new();
    private readonly IDisposable _subscription;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Installed? _installed;

    public HbsConfig(SnapshotCache cache, TimeProvider timeProvider, ILogger<HbsConfig> logger)
    {
        _cache = cache;
        _timeProvider = timeProvider;
        _logger = logger;
        _subscription = cache.Subscribe(Install);
        if (cache.Current is { } current)
        {
            Install(current);
        }
    }

    /// <summary>The current view; throws (and so answers an RPC with an error string) before the first snapshot.</summary>
    public HbsConfigView View =>
        TryGetView(out var view)
            ? view
            : throw new JsonRpcRefusedException("hbs configuration not loaded yet: neither MySQL nor the Redis snapshot has answered");

    /// <summary>Completes when the first view is installed.</summary>
    public Task Loaded => _loaded.Task;

    public bool TryGetView([NotNullWhen(true)] out HbsConfigView? view)
    {
        view = Volatile.Read(ref _installed)?.View;
        return view is not null;
    }

    public CacheStatus Status(int agents, int hostRowsPending)
    {
        var entry = _cache.Current;
        return new CacheStatus(
            entry?.Generation ?? -1,
            _cache.Age?.TotalSeconds ?? -1,
            entry is null ? "none" : entry.Origin.ToString().ToLowerInvariant(),
            _cache.IsLeader,
            agents,
            hostRowsPending);
    }

    public void Dispose() => _subscription.Dispose();

    private void Install(SnapshotEntry entry)
    {
        lock (_gate)
        {
            if (_installed is { } installed && installed.Checksum == entry.Checksum)
            {
                return;
            }

            try
            {
                var snapshot = PortalSnapshotSerializer.Deserialize(entry.Payload.Span);
                var view = new HbsConfigView(snapshot, _timeProvider.LocalTimeZone);
                Volatile.Write(ref _installed, new Installed(view, entry.Checksum));
                _loaded.TrySetResult();
                Log.ConfigInstalled(_logger, entry.Generation, snapshot.Hosts.Count, snapshot.Strategies.Count, snapshot.Expressions.Count, entry.Origin.ToString());
            }
            catch (PortalSnapshotFormatException e)
            {
                // Keep serving the previous view: a snapshot another Falcon version wrote is no reason to serve nothing.
                Log.ConfigUnreadable(_logger, entry.Generation, e.Message);
            }
        }
    }

    private sealed record Installed(HbsConfigView View, ulong Checksum);
}
