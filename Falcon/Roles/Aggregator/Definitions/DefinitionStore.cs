using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>The current definitions, read again every `aggregator.refreshInterval`; a failed read keeps the last good set.</summary>
internal sealed class DefinitionStore : BackgroundService
{
    private readonly DefinitionReader _reader;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger<DefinitionStore> _logger;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile DefinitionSet _current = DefinitionSet.Empty;

    public DefinitionStore(DefinitionReader reader, IOptions<AggregatorOptions> options, TimeProvider time, ILogger<DefinitionStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _reader = reader;
        _interval = options.Value.RefreshInterval;
        _time = time;
        _logger = logger;
    }

    public DefinitionSet Current => _current;

    /// <summary>Completes once definitions were read successfully once.</summary>
    public Task Loaded => _loaded.Task;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var set = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var before = _current;
        _current = set;
        _loaded.TrySetResult();
        if (set.Definitions.Count != before.Definitions.Count || set.Problems.Count != before.Problems.Count)
        {
            Log.DefinitionsLoaded(_logger, set.Definitions.Count, set.Problems.Count);
            foreach (var problem in set.Problems)
            {
                Log.DefinitionSkipped(_logger, problem.Key, problem.Problem);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.DefinitionsReadFailed(_logger, _current.Definitions.Count, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
