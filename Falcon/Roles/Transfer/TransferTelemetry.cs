namespace Falcon.Roles.Transfer;

/// <summary>The transfer role's telemetry names (one Meter and one ActivitySource named Falcon.Transfer, as every role has).</summary>
internal static class TransferTelemetry
{
    public const string MeterName = "Falcon.Transfer";
}
