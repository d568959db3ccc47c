using System.Collections.Concurrent;
using Falcon.Roles.Transfer.Tsdb;
using Falcon.Shared.Model;

namespace Falcon.Tests.Roles.Transfer.Tsdb;

/// <summary>A TSDB stand-in: answers each write with the next scripted result (then with <see cref="Otherwise"/>) and keeps what it was sent.</summary>
internal sealed class ScriptedWriter : ITsdbBatchWriter
{
    private readonly ConcurrentQueue<TsdbWriteResult> _script = new();
    private int _calls;

    public ScriptedWriter(params TsdbWriteResult[] script)
    {
        foreach (var result in script)
        {
            _script.Enqueue(result);
        }
    }

    public TsdbWriteResult Otherwise { get; set; } = TsdbWriteResult.Success;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Every batch a write was attempted with, copied.</summary>
    public ConcurrentQueue<MetricSample[]> Attempts { get; } = new();

    /// <summary>The points of the writes that succeeded.</summary>
    public ConcurrentQueue<MetricSample> Written { get; } = new();

    public Task<TsdbWriteResult> WriteAsync(IReadOnlyList<MetricSample> batch, CancellationToken cancellationToken)
    {
        var copy = batch.ToArray();
        Attempts.Enqueue(copy);
        var result = _script.TryDequeue(out var next) ? next : Otherwise;
        if (result.Outcome == TsdbWriteOutcome.Success)
        {
            foreach (var sample in copy)
            {
                Written.Enqueue(sample);
            }
        }

        Interlocked.Increment(ref _calls);
        return Task.FromResult(result);
    }
}
