using Falcon.Shared.Tsdb;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Aggregator.Inputs;

/// <summary>Every PromQL query of the role passes here: at most `aggregator.queryParallelism` at once, each within `aggregator.queryTimeout`.</summary>
internal sealed class QueryGate : IDisposable
{
    private readonly PrometheusQueryClient _client;
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _timeout;
    private readonly AggregatorMetrics _metrics;

    public QueryGate(PrometheusQueryClient client, IOptions<AggregatorOptions> options, AggregatorMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _slots = new SemaphoreSlim(options.Value.QueryParallelism);
        _timeout = options.Value.QueryTimeout;
        _metrics = metrics;
    }

    public async Task<PromQueryResult> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            _metrics.Queried(query.Length);
            try
            {
                return await _client.QueryAsync(query, time, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the TSDB did not answer a query of {query.Length} characters within {_timeout} (aggregator.queryTimeout)", e);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
