using Microsoft.Extensions.Hosting;

namespace Falcon.Hosting.MemoryTrim;

/// <summary>
/// In a process of lightweight roles only (an agent): once every collection tier has ticked, one aggressive full
/// GC compacts away what start-up allocated (configuration, container, first ticks) and gives the GC's spare memory
/// back to the system, so that the idle agent keeps only what it uses (BENCHMARKS.md "agent").
/// </summary>
internal sealed class StartupMemoryTrim(TimeProvider timeProvider) : BackgroundService
{
    /// <summary>After the first tick of the slowest tier (120 s) and its push.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(150);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(Delay, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!stoppingToken.IsCancellationRequested)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }
}
