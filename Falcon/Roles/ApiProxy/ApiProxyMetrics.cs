using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Falcon.Roles.ApiProxy;

/// <summary>The apiproxy's instruments, per datacenter: requests, errors by reason, latency.</summary>
internal sealed class ApiProxyMetrics
{
    public const string MeterName = "Falcon.ApiProxy";

    public static readonly ActivitySource ActivitySource = new(MeterName);

    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _partial;

    public ApiProxyMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("falcon.apiproxy.datacenter.requests", "{request}", "queries sent to a datacenter");
        _errors = meter.CreateCounter<long>("falcon.apiproxy.datacenter.errors", "{request}", "queries to a datacenter that failed, by reason (timeout, busy, error)");
        _latency = meter.CreateHistogram<double>("falcon.apiproxy.datacenter.duration", "s", "time a datacenter took to answer one query");
        _partial = meter.CreateCounter<long>("falcon.apiproxy.partial_answers", "{answer}", "answers sent without one or more datacenters");
    }

    public void Answered(string datacenter, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("datacenter", datacenter);
        _requests.Add(1, tag);
        _latency.Record(elapsed.TotalSeconds, tag);
    }

    public void Failed(string datacenter, string reason, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("datacenter", datacenter);
        _requests.Add(1, tag);
        _errors.Add(1, tag, new KeyValuePair<string, object?>("reason", reason));
        _latency.Record(elapsed.TotalSeconds, tag);
    }

    public void Partial() => _partial.Add(1);
}
