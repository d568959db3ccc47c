using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Tests.Shared.Model.Strategies;

public sealed class StrategiesJsonTests
{
    [Test]
    public void StrategiesResponse_SerializesWithOpenFalconsFieldNamesAndNumbers()
    {
        var template = new Template { Id = 7, Name = "base", ParentId = 3, ActionId = 5, Creator = "root" };
        var response = new StrategiesResponse
        {
            HostStrategies =
            [
                new HostStrategies
                {
                    Hostname = "web01",
                    Strategies =
                    [
                        new Strategy
                        {
                            Id = 12, Metric = "cpu.idle", Tags = TagSet.Parse("zone=a,core=0"), Func = "all(#3)", Operator = "<",
                            RightValue = 90, MaxStep = 3, Priority = 2, Note = "idle", Tpl = template,
                        },
                        new Strategy { Id = 13, Metric = "load.1min", RightValue = 0.5 },
                    ],
                },
            ],
        };

        var json = Write(response, StrategiesJsonContext.Default.StrategiesResponse);

        Assert.That(json, Is.EqualTo(
            """{"hostStrategies":[{"hostname":"web01","strategies":[""" +
            """{"id":12,"metric":"cpu.idle","tags":{"core":"0","zone":"a"},"func":"all(#3)","operator":"<","rightValue":90,"maxStep":3,"priority":2,"note":"idle","tpl":{"id":7,"name":"base","parentId":3,"actionId":5,"creator":"root"}},""" +
            """{"id":13,"metric":"load.1min","tags":{},"func":"","operator":"","rightValue":0.5,"maxStep":0,"priority":0,"note":"","tpl":null}]}]}"""));
    }

    [Test]
    public void ExpressionsResponse_SerializesWithOpenFalconsFieldNames()
    {
        var response = new ExpressionsResponse
        {
            Expressions =
            [
                new Expression
                {
                    Id = 4, Metric = "qps", Tags = TagSet.Parse("project=falcon,endpoint=web01"), Func = "all(#1)", Operator = ">=",
                    RightValue = 1e21, MaxStep = 1, Priority = 0, Note = "n", ActionId = 9,
                },
            ],
        };

        var json = Write(response, StrategiesJsonContext.Default.ExpressionsResponse);

        Assert.That(json, Is.EqualTo(
            """{"expressions":[{"id":4,"metric":"qps","tags":{"endpoint":"web01","project":"falcon"},"func":"all(#1)","operator":">=","rightValue":1e+21,"maxStep":1,"priority":0,"note":"n","actionId":9}]}"""));
    }

    [Test]
    public void StrategiesResponse_ParsesNamesInAnyCase()
    {
        const string json = """
            {"HOSTSTRATEGIES":[{"Hostname":"web01","Strategies":[{"ID":12,"Metric":"cpu.idle","TAGS":{"k":"v"},"Func":"max(#2)",
            "Operator":">","RightValue":90.5,"MaxStep":2,"Priority":1,"Note":"x","Tpl":{"Id":7,"ParentID":1,"ActionId":3,"Name":"t","Creator":"c"}}]}]}
            """;

        var response = JsonSerializer.Deserialize(json, StrategiesJsonContext.Default.StrategiesResponse)!;

        var strategy = response.HostStrategies.Single().Strategies.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.HostStrategies.Single().Hostname, Is.EqualTo("web01"));
            Assert.That(strategy.Id, Is.EqualTo(12));
            Assert.That(strategy.Tags.Canonical, Is.EqualTo("k=v"));
            Assert.That((strategy.Func, strategy.Operator, strategy.RightValue, strategy.MaxStep, strategy.Priority), Is.EqualTo(("max(#2)", ">", 90.5, 2, 1)));
            Assert.That(strategy.Tpl, Is.EqualTo(new Template { Id = 7, Name = "t", ParentId = 1, ActionId = 3, Creator = "c" }));
        }
    }

    [Test]
    public void ExpressionsResponse_ParsesNamesInAnyCase()
    {
        const string json = """{"Expressions":[{"Id":4,"METRIC":"qps","Tags":{"endpoint":"a"},"rightvalue":2,"ACTIONID":9}]}""";

        var expression = JsonSerializer.Deserialize(json, StrategiesJsonContext.Default.ExpressionsResponse)!.Expressions.Single();

        Assert.That((expression.Id, expression.Metric, expression.Tags.Canonical, expression.RightValue, expression.ActionId), Is.EqualTo((4L, "qps", "endpoint=a", 2.0, 9L)));
    }

    [Test]
    public void Responses_ReadJsonNullListsAndTagsAsEmpty_AsAGoHbsSendsWhenThereAreNoExpressions()
    {
        var expressions = JsonSerializer.Deserialize("""{"expressions":null}""", StrategiesJsonContext.Default.ExpressionsResponse)!;
        var strategies = JsonSerializer.Deserialize(
            """{"hostStrategies":[{"hostname":"h","strategies":[{"id":1,"tags":null}]},{"hostname":"g","strategies":null}]}""",
            StrategiesJsonContext.Default.StrategiesResponse)!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(expressions.Expressions, Is.Empty);
            Assert.That(strategies.HostStrategies[0].Strategies.Single().Tags, Is.Empty);
            Assert.That(strategies.HostStrategies[1].Strategies, Is.Empty);
        }
    }

    // The JSON-RPC writer's escaping (Shared/Wire JsonRpcReply.WriterOptions): '<' and '>' stay as they are. Go would
    // write them as \u003c and \u003e; both decode to the same strings.
    private static string Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
