namespace Falcon.Tests.Shared.Wire;

/// <summary>Go's model.AgentReportRequest: no json tags, so the keys are the Go field names.</summary>
internal sealed record TestAgentReportRequest(string Hostname, string IP, string AgentVersion, string PluginVersion);
