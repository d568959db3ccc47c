using System.Text.Json.Serialization;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>Source-generated JSON of the templates, strategies, expressions and aggregates API (NativeAOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(TemplateDocument))]
[JsonSerializable(typeof(TemplateDetails))]
[JsonSerializable(typeof(List<TemplateSummary>))]
[JsonSerializable(typeof(TemplateHeader))]
[JsonSerializable(typeof(StrategyDocument))]
[JsonSerializable(typeof(ActionDocument))]
[JsonSerializable(typeof(ExpressionDocument))]
[JsonSerializable(typeof(List<ExpressionDocument>))]
[JsonSerializable(typeof(AggregateDocument))]
[JsonSerializable(typeof(List<AggregateDocument>))]
[JsonSerializable(typeof(RulesHelp))]
internal sealed partial class RulesJsonContext : JsonSerializerContext;
