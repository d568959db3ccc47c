using System.Diagnostics;
using Falcon.Roles.ApiProxy.FalconApi;
using Falcon.Shared.Datacenters;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.ApiProxy.FanOut;

/// <summary>
/// Sends one query to several datacenters at once, each within its own timeout and concurrency limit, and collects
/// the answers and the failures: the slowest datacenter bounds the answer, never the sum of them (the fork asked each
/// in turn, some without a timeout).
/// </summary>
internal sealed class QueryFanOut(DatacenterBackends backends, ApiProxyMetrics metrics, TimeProvider timeProvider, ILogger<QueryFanOut> logger)
{
    /// <summary>Runs <paramref name="call"/> against each datacenter's TSDB (every datacenter given must have one).</summary>
    public Task<FanOutResult<T>> RunAsync<T>(
        string route,
        IEnumerable<Datacenter> datacenters,
        Func<PrometheusQueryClient, Datacenter, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken) =>
        RunAsync(route, datacenters, (backend, ct) => call(
            backend.Tsdb ?? throw new InvalidOperationException($"datacenter {backend.Datacenter.Name} has no queryUrl"), backend.Datacenter, ct), cancellationToken);

    /// <summary>Runs <paramref name="call"/> against each datacenter's backends, the call choosing the TSDB or the open-falcon api.</summary>
    public async Task<FanOutResult<T>> RunAsync<T>(
        string route,
        IEnumerable<Datacenter> datacenters,
        Func<DatacenterBackend, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        var asked = datacenters.Distinct().OrderBy(d => d.Order).ToArray();
        var tasks = asked.Select(dc => CallOneAsync(route, backends[dc], call, cancellationToken)).ToArray();
        var outcomes = await Task.WhenAll(tasks);
        var answers = new List<(Datacenter, T)>(asked.Length);
        var failures = new List<DatacenterFailure>();
        for (var i = 0; i < asked.Length; i++)
        {
            if (outcomes[i].Failure is { } failure)
            {
                failures.Add(failure);
            }
            else
            {
                answers.Add((asked[i], outcomes[i].Value!));
            }
        }

        if (failures.Count > 0 && answers.Count > 0)
        {
            metrics.Partial();
        }

        return new FanOutResult<T>(answers, failures);
    }

    private async Task<(T? Value, DatacenterFailure? Failure)> CallOneAsync<T>(
        string route,
        DatacenterBackend backend,
        Func<DatacenterBackend, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        var dc = backend.Datacenter;
        var started = timeProvider.GetTimestamp();
        using var timeout = new CancellationTokenSource(dc.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var acquired = false;
        try
        {
            try
            {
                await backend.Slots.WaitAsync(linked.Token);
                acquired = true;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Fail<T>(route, dc, "busy", $"no free query slot within {dc.Timeout} (apiproxy.maxConcurrentPerDatacenter)", started);
            }

            var value = await call(backend, linked.Token);
            metrics.Answered(dc.Name, timeProvider.GetElapsedTime(started));
            return (value, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail<T>(route, dc, "timeout", $"no answer within {dc.Timeout}", started);
        }
        catch (TimeoutException e)
        {
            return Fail<T>(route, dc, "timeout", e.Message, started);
        }
        catch (HttpRequestException e)
        {
            return Fail<T>(route, dc, "unreachable", e.Message, started);
        }
        catch (PrometheusQueryException e)
        {
            // A TSDB refusing the query itself (Prometheus: 400 bad_data; VictoriaMetrics: 422) marks it as the
            // caller's error, so a query wrong everywhere is answered 400 rather than "datacenters unavailable".
            var refused = e.StatusCode is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.UnprocessableEntity;
            return Fail<T>(route, dc, "error", e.Message, started, refused ? "bad_data" : e.ErrorType);
        }
        catch (FalconApiException e)
        {
            var refused = e.StatusCode is System.Net.HttpStatusCode.BadRequest;
            return Fail<T>(route, dc, "error", e.Message, started, refused ? "bad_data" : null);
        }
        catch (System.Text.Json.JsonException e)
        {
            return Fail<T>(route, dc, "error", "an answer that is not the expected JSON: " + e.Message, started);
        }
        finally
        {
            if (acquired)
            {
                backend.Slots.Release();
            }
        }
    }

    private (T? Value, DatacenterFailure? Failure) Fail<T>(string route, Datacenter dc, string reason, string detail, long started, string? errorType = null)
    {
        metrics.Failed(dc.Name, reason, timeProvider.GetElapsedTime(started));
        Log.DatacenterFailed(logger, dc.Name, route, reason, detail);
        Activity.Current?.AddEvent(new ActivityEvent("datacenter failed", tags: new ActivityTagsCollection { ["datacenter"] = dc.Name, ["reason"] = reason }));
        return (default, new DatacenterFailure(dc.Name, reason, detail, errorType));
    }
}
