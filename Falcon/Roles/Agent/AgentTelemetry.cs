namespace Falcon.Roles.Agent;

/// <summary>The agent role's telemetry names (one Meter named Falcon.Agent, as every role has).</summary>
internal static class AgentTelemetry
{
    public const string MeterName = "Falcon.Agent";
}
