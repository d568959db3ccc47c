namespace Falcon.Roles.Hbs;

/// <summary>The hbs role's telemetry names (one Meter and one ActivitySource named Falcon.Hbs, as every role has).</summary>
internal static class HbsTelemetry
{
    public const string MeterName = "Falcon.Hbs";
}
