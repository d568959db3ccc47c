using System.Diagnostics.Metrics;
using Falcon.Shared.Silences;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>Silence metrics on the alarm's Meter `Falcon.Alarm`.</summary>
internal sealed class SilenceMetrics
{
    public const string MeterName = "Falcon.Alarm";

    private readonly Counter<long> _changes;
    private readonly Counter<long> _linksRefused;
    private readonly Counter<long> _reloadErrors;
    private readonly Counter<long> _suppressed;

    public SilenceMetrics(IMeterFactory meterFactory, SilenceStore store, TimeProvider timeProvider)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "falcon.alarm.silences.active",
            () => store.Current.CountActive(timeProvider.GetUtcNow()),
            "{silence}",
            "Silences in force on this instance.");
        _changes = meter.CreateCounter<long>("falcon.alarm.silences.changes", "{change}", "Silences set or removed through this instance, by operation and source (api, link).");
        _linksRefused = meter.CreateCounter<long>("falcon.alarm.silences.links_refused", "{request}", "Silence links refused, by reason (forged, expired, malformed, disabled).");
        _reloadErrors = meter.CreateCounter<long>("falcon.alarm.silences.reload_errors", "{error}", "Reloads from Redis that failed (the silences already held are kept).");
        _suppressed = meter.CreateCounter<long>("falcon.alarm.silences.suppressed", "{recipient}", "Alarm deliveries not sent to a recipient because of a silence.");
    }

    public void Added(string source) =>
        _changes.Add(1, new KeyValuePair<string, object?>("operation", "add"), new KeyValuePair<string, object?>("source", source));

    public void Removed(string source) =>
        _changes.Add(1, new KeyValuePair<string, object?>("operation", "remove"), new KeyValuePair<string, object?>("source", source));

    public void LinkRefused(SilenceLinkRefusal reason) =>
        _linksRefused.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString().ToLowerInvariant()));

    public void ReloadFailed() => _reloadErrors.Add(1);

    /// <summary>For alarm routing: one recipient of one message was skipped because of a silence.</summary>
    public void Suppressed() => _suppressed.Add(1);
}
