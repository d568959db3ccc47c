using System.Collections.Concurrent;
using Falcon.Roles.Transfer.Tsdb;
using Google.Protobuf;

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

    /// <summary>The sample values of every write attempted, decoded from the WriteRequest.</summary>
    public ConcurrentQueue<double[]> Attempts { get; } = new();

    /// <summary>The sample values of the writes that succeeded.</summary>
    public ConcurrentQueue<double> Written { get; } = new();

    public Task<TsdbWriteResult> WriteAsync(ReadOnlyMemory<byte> writeRequest, int points, CancellationToken cancellationToken)
    {
        var values = Values(writeRequest.ToArray());
        Assert.That(values, Has.Length.EqualTo(points), "the point count matches the WriteRequest");
        Attempts.Enqueue(values);
        var result = _script.TryDequeue(out var next) ? next : Otherwise;
        if (result.Outcome == TsdbWriteOutcome.Success)
        {
            foreach (var value in values)
            {
                Written.Enqueue(value);
            }
        }

        Interlocked.Increment(ref _calls);
        return Task.FromResult(result);
    }

    // Each TimeSeries' one sample value (field 1 of Sample, field 2 of TimeSeries, field 1 of WriteRequest).
    private static double[] Values(byte[] request)
    {
        var values = new List<double>();
        var input = new CodedInputStream(request);
        while (!input.IsAtEnd)
        {
            Assert.That(input.ReadTag(), Is.EqualTo(0x0Au));
            var series = new CodedInputStream(input.ReadBytes().ToByteArray());
            while (!series.IsAtEnd)
            {
                var tag = series.ReadTag();
                var message = series.ReadBytes().ToByteArray();
                if (tag == 0x12)
                {
                    var sample = new CodedInputStream(message);
                    Assert.That(sample.ReadTag(), Is.EqualTo(0x09u));
                    values.Add(sample.ReadDouble());
                }
            }
        }

        return [.. values];
    }
}
