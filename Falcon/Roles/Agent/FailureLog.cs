namespace Falcon.Roles.Agent;

/// <summary>
/// Decides which failures of a repeating call get logged: the first one, then at most one per <c>every</c> while the
/// failures go on (with how many were not logged), and the recovery. An agent cut off from hbs or transfer for an
/// hour writes a few lines, not thousands.
/// </summary>
internal sealed class FailureLog(TimeProvider timeProvider, TimeSpan every)
{
    private DateTimeOffset? _since;
    private DateTimeOffset _lastLogged;
    private int _suppressed;
    private long _failures;

    /// <summary>Records a failure; true when this one is to be logged, with the failures not logged since the last line.</summary>
    public bool Failed(out int suppressed)
    {
        var now = timeProvider.GetUtcNow();
        _failures++;
        if (_since is null)
        {
            _since = now;
        }
        else if (now - _lastLogged < every)
        {
            _suppressed++;
            suppressed = 0;
            return false;
        }

        _lastLogged = now;
        suppressed = _suppressed;
        _suppressed = 0;
        return true;
    }

    /// <summary>Records a success; true when it ends a run of failures, with their count and duration.</summary>
    public bool Succeeded(out long failures, out TimeSpan duration)
    {
        failures = _failures;
        duration = _since is { } since ? timeProvider.GetUtcNow() - since : TimeSpan.Zero;
        var wasFailing = _since is not null;
        _since = null;
        _failures = 0;
        _suppressed = 0;
        return wasFailing;
    }
}
