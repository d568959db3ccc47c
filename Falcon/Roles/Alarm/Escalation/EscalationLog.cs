using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Alarm.Escalation;

/// <summary>Log messages of escalation (event ids 5820-5839).</summary>
internal static partial class EscalationLog
{
    [LoggerMessage(5820, LogLevel.Information, "alarm escalation: case {CaseId} unacknowledged for {AfterMinutes} min, step {Step} sent to {Users} user(s) of {Teams}")]
    public static partial void Escalated(ILogger logger, string caseId, int afterMinutes, int step, int users, string teams);

    [LoggerMessage(5821, LogLevel.Warning, "alarm escalation scan failed, retried in {Interval}: {Error}")]
    public static partial void ScanFailed(ILogger logger, TimeSpan interval, string error);

    [LoggerMessage(5822, LogLevel.Information, "alarm escalation: case {CaseId} step {Step} was due at {Due} and is more than alarm.escalation.maxLateness late; skipped")]
    public static partial void TooLate(ILogger logger, string caseId, int step, DateTimeOffset due);

    [LoggerMessage(5823, LogLevel.Information, "alarm escalation is off (alarm.escalation.enabled: false)")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(5824, LogLevel.Debug, "alarm escalation: case {CaseId} step {Step} reaches no one (no members, or all silenced)")]
    public static partial void NoOne(ILogger logger, string caseId, int step);
}
