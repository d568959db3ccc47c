using System.Diagnostics.Metrics;

namespace Falcon.Roles.Alarm.Escalation;

/// <summary>Escalation metrics on the alarm's Meter `Falcon.Alarm`.</summary>
internal sealed class EscalationMetrics
{
    private readonly Counter<long> _steps;
    private readonly Counter<long> _scanErrors;

    public EscalationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("Falcon.Alarm");
        _steps = meter.CreateCounter<long>("falcon.alarm.escalations", "{step}", "Escalation steps of cases, by outcome (sent, late, nobody).");
        _scanErrors = meter.CreateCounter<long>("falcon.alarm.escalation.scan_errors", "{error}", "Escalation scans that failed (MySQL or Redis away); retried at the next scan.");
    }

    public void Step(string outcome) => _steps.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void ScanFailed() => _scanErrors.Add(1);
}
