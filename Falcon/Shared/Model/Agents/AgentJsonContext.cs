using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>Source-generated JSON for the agent ↔ hbs messages; names are read case-insensitively as Go does.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(AgentReportRequest))]
[JsonSerializable(typeof(AgentReportResponse))]
[JsonSerializable(typeof(AgentUpgradeArgs))]
[JsonSerializable(typeof(AgentUpgradeOutcome))]
[JsonSerializable(typeof(AgentHeartbeatRequest))]
[JsonSerializable(typeof(AgentPluginsResponse))]
[JsonSerializable(typeof(BuiltinMetricResponse))]
[JsonSerializable(typeof(AgentsResponse))]
[JsonSerializable(typeof(AgentsSeenResponse))]
[JsonSerializable(typeof(SimpleRpcResponse))]
[JsonSerializable(typeof(NullRpcRequest))]
[JsonSerializable(typeof(AgentServiceNamesResponse))]
[JsonSerializable(typeof(AgentDynamicMonitoringResponse))]
[JsonSerializable(typeof(string))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
