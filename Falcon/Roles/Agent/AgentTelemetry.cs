namespace Falcon.Roles.Agent;

/// <summary>The agent role's telemetry names (CONVENTIONS 13: one Meter named Falcon.Agent).</summary>
internal static class AgentTelemetry
{
    public const string MeterName = "Falcon.Agent";
}
