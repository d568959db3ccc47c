using System.Text.Json.Serialization;
using Falcon.Shared.Wire;

namespace Falcon.Tests.Shared.Wire;

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, Converters = [typeof(GoDoubleJsonConverter)])]
[JsonSerializable(typeof(TestAgentReportRequest))]
[JsonSerializable(typeof(TestSimpleRpcResponse))]
[JsonSerializable(typeof(List<TestMetricValue>))]
[JsonSerializable(typeof(TestTransferResponse))]
[JsonSerializable(typeof(TestNullRequest))]
[JsonSerializable(typeof(TestEcho))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
internal sealed partial class WireTestJsonContext : JsonSerializerContext;
