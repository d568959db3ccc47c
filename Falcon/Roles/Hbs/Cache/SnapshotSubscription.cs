namespace Falcon.Roles.Hbs.Cache;

/// <summary>Ends a <see cref="SnapshotCache.Subscribe"/> registration when disposed.</summary>
internal sealed class SnapshotSubscription(Action unsubscribe) : IDisposable
{
    private Action? _unsubscribe = unsubscribe;

    public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
}
