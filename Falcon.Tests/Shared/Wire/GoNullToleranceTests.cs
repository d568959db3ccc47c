using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Wire;

namespace Falcon.Tests.Shared.Wire;

public sealed class GoNullToleranceTests
{
    // Every context whose types are read from a Go peer: agents and judges (hbs), hbs (agent, judge), judge (alarm).
    private static readonly JsonSerializerContext[] WireContexts =
        [AgentJsonContext.Default, StrategiesJsonContext.Default, EventJsonContext.Default];

    public static IEnumerable<TestCaseData> WireObjectTypes()
    {
        foreach (var context in WireContexts)
        {
            foreach (var type in typeof(GoNullTolerance).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith("Falcon.Shared.Model", StringComparison.Ordinal) == true))
            {
                if (!type.IsGenericTypeDefinition && context.GetTypeInfo(type) is { Kind: JsonTypeInfoKind.Object } info)
                {
                    yield return new TestCaseData(info).SetArgDisplayNames($"{context.GetType().Name}.{type.Name}");
                }
            }
        }
    }

    [TestCaseSource(nameof(WireObjectTypes))]
    public void EveryListAndMapProperty_ReadsANullAsEmpty(JsonTypeInfo original)
    {
        var info = GoNullTolerance.For(original);
        var collections = info.Properties.Where(p => IsCollection(p.PropertyType)).ToList();
        var json = "{" + string.Join(",", info.Properties.Where(p => !p.PropertyType.IsValueType).Select(p => $"\"{p.Name}\":null")) + "}";

        var value = JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), info);
        var absent = JsonSerializer.Deserialize("{}"u8, info);

        Assert.That(value, Is.Not.Null, json);
        Assert.Multiple(() =>
        {
            foreach (var property in collections)
            {
                var read = property.Get!(value!);
                Assert.That(read, Is.Not.Null, $"{info.Type.Name}.{property.Name} from {json}");
                Assert.That(((IEnumerable)read!).Cast<object>(), Is.Empty, $"{info.Type.Name}.{property.Name}");
            }

            foreach (var property in info.Properties.Where(p => p.PropertyType == typeof(string) && p.AssociatedParameter is null))
            {
                Assert.That(property.Get!(value!), Is.EqualTo(property.Get!(absent!)), $"{info.Type.Name}.{property.Name}: Go leaves a string untouched by null");
            }
        });
    }

    [Test]
    public void TheWireTypes_HaveListsToCover()
    {
        // Guards the test above against passing vacuously.
        var collections = WireObjectTypes().Select(d => (JsonTypeInfo)d.Arguments[0]!)
            .SelectMany(i => i.Properties.Where(p => IsCollection(p.PropertyType)).Select(p => $"{i.Type.Name}.{p.Name}"))
            .ToList();

        Assert.That(collections, Is.SupersetOf(new[]
        {
            "BuiltinMetricResponse.Metrics", "AgentPluginsResponse.Plugins", "AgentsResponse.Agent",
            "StrategiesResponse.hostStrategies", "HostStrategies.strategies", "ExpressionsResponse.expressions",
            "Strategy.tags", "Expression.tags", "JudgeEvent.pushedTags", "OneStrategiesResponse.strategies",
            "UnionStrategiesResponse.union_strategies_map", "AgentDynamicMonitoringResponse.args",
        }));
    }

    [Test]
    public void TheForkHbsBuiltinMetricsReply_ForAHostWithoutBuiltinMetrics_ReadsAsAnEmptyList()
    {
        // The fork hbs's exact result for a host no builtin-metric strategy applies to.
        var result = """{"Metrics":null,"Checksum":"","Timestamp":1733467200}"""u8;

        var reply = JsonSerializer.Deserialize(result, GoNullTolerance.For(AgentJsonContext.Default.BuiltinMetricResponse))!;

        Assert.Multiple(() =>
        {
            Assert.That(reply.Metrics, Is.Not.Null.And.Empty);
            Assert.That(reply.Checksum, Is.EqualTo(""));
            Assert.That(reply.Timestamp, Is.EqualTo(1733467200));
        });
    }

    [Test]
    public void AForkJudgeEvent_WithNullTagsEverywhere_ReadsWithEmptyTags()
    {
        var raw = """{"id":"s_1_abc","strategy":{"id":1,"metric":"cpu.idle","tags":null,"func":"all(#1)","operator":"<","rightValue":10,"maxStep":3,"priority":0,"note":"","tpl":null,"union_strategy_id":0},"expression":null,"status":"PROBLEM","endpoint":"h1","leftValue":5,"currentStep":1,"eventTime":1733467200,"pushedTags":null}"""u8;

        var e = JsonSerializer.Deserialize(raw, GoNullTolerance.For(EventJsonContext.Default.JudgeEvent))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Strategy!.Tags, Is.Empty);
            Assert.That(e.PushedTags, Is.Empty);
            Assert.That(e.Strategy.Tpl, Is.Null, "a null pointer stays null");
        });
    }

    [Test]
    public void AlarmsEventReader_TakesAForkJudgeEventWithNullTags()
    {
        var raw = """{"id":"e_5_abc","strategy":null,"expression":{"id":5,"metric":"qps","tags":null,"func":"all(#1)","operator":">","rightValue":100,"maxStep":1,"priority":2,"note":"","actionId":7},"status":"PROBLEM","endpoint":"h1","leftValue":150,"currentStep":1,"eventTime":1733467200,"pushedTags":null}""";

        var e = Falcon.Roles.Alarm.Consumption.EventParser.Parse(raw, out var reason);

        Assert.Multiple(() =>
        {
            Assert.That(reason, Is.Null);
            Assert.That(e!.Expression!.Tags, Is.Empty);
            Assert.That(e.ActionId, Is.EqualTo(7));
        });
    }

    [Test]
    public void TheSameOptions_GiveTheSameTolerantTypeInfo_AndATolerantOneIsKept()
    {
        var first = GoNullTolerance.For(AgentJsonContext.Default.BuiltinMetricResponse);
        var second = GoNullTolerance.For(AgentJsonContext.Default.BuiltinMetricResponse);

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.SameAs(first));
            Assert.That(GoNullTolerance.For(first), Is.SameAs(first));
            Assert.That(first, Is.Not.SameAs(AgentJsonContext.Default.BuiltinMetricResponse));
        });
    }

    private static bool IsCollection(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);
}
