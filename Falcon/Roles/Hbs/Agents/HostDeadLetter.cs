namespace Falcon.Roles.Hbs.Agents;

/// <summary>A host row MySQL refused on its own: the host, the server's error, and when.</summary>
internal sealed record HostDeadLetter(string Hostname, string Error, DateTimeOffset At);

/// <summary>
/// The latest refused host rows, newest first, at most <c>capacity</c>: the agent heartbeats again anyway, so the
/// list is for the operator to see what was refused, not for replay, and it must not grow without bound.
/// </summary>
internal sealed class HostDeadLetters(int capacity)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<HostDeadLetter> _items = new();

    public void Add(HostDeadLetter item)
    {
        lock (_lock)
        {
            _items.AddFirst(item);
            if (_items.Count > capacity)
            {
                _items.RemoveLast();
            }
        }
    }

    public IReadOnlyList<HostDeadLetter> Snapshot()
    {
        lock (_lock)
        {
            return [.. _items];
        }
    }
}
