namespace Falcon.Roles.Hbs;

/// <summary>The hbs role's telemetry names (CONVENTIONS 13: one Meter and one ActivitySource named Falcon.Hbs).</summary>
internal static class HbsTelemetry
{
    public const string MeterName = "Falcon.Hbs";
}
