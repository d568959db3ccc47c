namespace Falcon.Roles.Transfer;

/// <summary>The transfer role's telemetry names (CONVENTIONS 13: one Meter and one ActivitySource named Falcon.Transfer).</summary>
internal static class TransferTelemetry
{
    public const string MeterName = "Falcon.Transfer";
}
