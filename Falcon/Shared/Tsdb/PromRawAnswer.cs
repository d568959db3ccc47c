using System.Text.Json;

namespace Falcon.Shared.Tsdb;

/// <summary>A successful Prometheus HTTP API answer as sent: its `data` untouched and its `warnings`.</summary>
internal sealed record PromRawAnswer(JsonElement Data, IReadOnlyList<string> Warnings);
