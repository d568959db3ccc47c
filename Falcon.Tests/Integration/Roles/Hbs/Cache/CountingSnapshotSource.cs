using System.Text;
using Falcon.Roles.Hbs.Cache;

namespace Falcon.Tests.Integration.Roles.Hbs.Cache;

/// <summary>Stands in for the MySQL loader: counts its loads and returns a payload naming the load, or fails on demand.</summary>
internal sealed class CountingSnapshotSource(string name) : ISnapshotSource
{
    private int _loads;

    public int Loads => Volatile.Read(ref _loads);

    public Exception? Failure { get; set; }

    /// <summary>Runs inside a load, before it returns (to change the world mid-refresh).</summary>
    public Func<Task>? DuringLoad { get; set; }

    public async Task<byte[]> LoadAsync(CancellationToken cancellationToken)
    {
        var load = Interlocked.Increment(ref _loads);
        if (DuringLoad is { } during)
        {
            await during();
        }

        return Failure is { } failure ? throw failure : Encoding.UTF8.GetBytes($"{name} load {load}");
    }
}
