using System.Text.Json;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Tests.Shared.Model.Events;

public sealed class JudgeEventJsonTests
{
    private const string Md5 = "0123456789abcdef0123456789abcdef";

    private static readonly Strategy CpuStrategy = new()
    {
        Id = 12, Metric = "cpu.idle", Tags = TagSet.Parse("core=0"), Func = "all(#3)", Operator = "<", RightValue = 10,
        MaxStep = 3, Priority = 2, Note = "idle low", Tpl = new Template { Id = 7, Name = "base", ActionId = 5, Creator = "root" },
    };

    private static readonly Expression QpsExpression = new()
    {
        Id = 4, Metric = "qps", Tags = TagSet.Parse("project=falcon"), Func = "all(#1)", Operator = ">", RightValue = 1000,
        MaxStep = 1, Priority = 0, Note = "busy", ActionId = 9,
    };

    [Test]
    public void StrategyEvent_SerializesEveryFieldWithOpenFalconsNamesAndTypes()
    {
        var judgeEvent = new JudgeEvent
        {
            Id = "s_12_" + Md5, Strategy = CpuStrategy, Status = JudgeEventStatus.Problem, Endpoint = "web01",
            LeftValue = 90, CurrentStep = 1, EventTime = 1_700_000_000, PushedTags = TagSet.Parse("core=0,zone=a"),
        };

        var json = JsonSerializer.Serialize(judgeEvent, EventJsonContext.Default.JudgeEvent);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.That(root.EnumerateObject().Select(static p => p.Name), Is.EqualTo(new[]
        {
            "id", "strategy", "expression", "status", "endpoint", "leftValue", "currentStep", "eventTime", "pushedTags",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("id").GetString(), Is.EqualTo("s_12_" + Md5));
            Assert.That(root.GetProperty("strategy").ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(root.GetProperty("strategy").GetProperty("id").GetInt64(), Is.EqualTo(12));
            Assert.That(root.GetProperty("strategy").GetProperty("tpl").GetProperty("actionId").GetInt64(), Is.EqualTo(5));
            Assert.That(root.GetProperty("expression").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("PROBLEM"));
            Assert.That(root.GetProperty("endpoint").GetString(), Is.EqualTo("web01"));
            Assert.That(root.GetProperty("leftValue").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(root.GetProperty("leftValue").GetRawText(), Is.EqualTo("90"));
            Assert.That(root.GetProperty("currentStep").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(root.GetProperty("currentStep").GetRawText(), Is.EqualTo("1"));
            Assert.That(root.GetProperty("eventTime").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(root.GetProperty("eventTime").GetRawText(), Is.EqualTo("1700000000"));
            Assert.That(root.GetProperty("pushedTags").ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(root.GetProperty("pushedTags").GetProperty("zone").GetString(), Is.EqualTo("a"));
        });
        Assert.That(json, Does.Contain("\"leftValue\":90,"));
    }

    [Test]
    public void ExpressionEvent_WritesStrategyNullAndFractionalLeftValue()
    {
        var judgeEvent = new JudgeEvent
        {
            Id = "e_4_" + Md5, Expression = QpsExpression, Status = JudgeEventStatus.Ok, Endpoint = "web02",
            LeftValue = 0.25, CurrentStep = 1, EventTime = 1_700_000_060,
        };

        var json = JsonSerializer.Serialize(judgeEvent, EventJsonContext.Default.JudgeEvent);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("strategy").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("expression").ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(root.GetProperty("expression").GetProperty("actionId").GetInt64(), Is.EqualTo(9));
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("OK"));
            Assert.That(root.GetProperty("leftValue").GetRawText(), Is.EqualTo("0.25"));
            Assert.That(root.GetProperty("pushedTags").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void Read_OpenFalconEventWithNullPushedTags_HasNoTags()
    {
        const string json =
            """{"id":"s_12_0123456789abcdef0123456789abcdef","strategy":{"id":12,"metric":"cpu.idle","tags":{"core":"0"},"func":"all(#3)","operator":"<","rightValue":10,"maxStep":3,"priority":2,"note":"idle low","tpl":{"id":7,"name":"base","parentId":0,"actionId":5,"creator":"root"}}""" +
            ""","expression":null,"status":"PROBLEM","endpoint":"web01","leftValue":3.5,"currentStep":2,"eventTime":1700000000,"pushedTags":null}""";

        var judgeEvent = JsonSerializer.Deserialize(json, EventJsonContext.Default.JudgeEvent)!;

        Assert.Multiple(() =>
        {
            Assert.That(judgeEvent.Id, Is.EqualTo("s_12_" + Md5));
            Assert.That(judgeEvent.Strategy, Is.EqualTo(CpuStrategy));
            Assert.That(judgeEvent.Expression, Is.Null);
            Assert.That(judgeEvent.Status, Is.EqualTo(JudgeEventStatus.Problem));
            Assert.That(judgeEvent.Endpoint, Is.EqualTo("web01"));
            Assert.That(judgeEvent.LeftValue, Is.EqualTo(3.5));
            Assert.That(judgeEvent.CurrentStep, Is.EqualTo(2));
            Assert.That(judgeEvent.EventTime, Is.EqualTo(1_700_000_000));
            Assert.That(judgeEvent.PushedTags, Is.SameAs(TagSet.Empty));
        });
    }

    [Test]
    public void Read_OpenFalconEventWithEmptyPushedTags_HasNoTags()
    {
        const string json =
            """{"id":"e_4_x","strategy":null,"expression":{"id":4,"metric":"qps","tags":{"project":"falcon"},"func":"all(#1)","operator":">","rightValue":1000,"maxStep":1,"priority":0,"note":"busy","actionId":9}""" +
            ""","status":"OK","endpoint":"web02","leftValue":12,"currentStep":1,"eventTime":1700000060,"pushedTags":{}}""";

        var judgeEvent = JsonSerializer.Deserialize(json, EventJsonContext.Default.JudgeEvent)!;

        Assert.Multiple(() =>
        {
            Assert.That(judgeEvent.Strategy, Is.Null);
            Assert.That(judgeEvent.Expression, Is.EqualTo(QpsExpression));
            Assert.That(judgeEvent.PushedTags, Has.Count.EqualTo(0));
        });
    }

    [Test]
    public void Read_FieldNamesInOtherCase_AreMatched()
    {
        const string json =
            """{"ID":"e_4_x","Strategy":null,"EXPRESSION":{"Id":4,"Metric":"qps","Priority":3,"ActionID":9}""" +
            ""","Status":"PROBLEM","Endpoint":"web02","LeftValue":12,"CurrentStep":1,"EventTime":1700000060,"PushedTags":{"project":"falcon"}}""";

        var judgeEvent = JsonSerializer.Deserialize(json, EventJsonContext.Default.JudgeEvent)!;

        Assert.Multiple(() =>
        {
            Assert.That(judgeEvent.Id, Is.EqualTo("e_4_x"));
            Assert.That(judgeEvent.Expression!.ActionId, Is.EqualTo(9));
            Assert.That(judgeEvent.Status, Is.EqualTo("PROBLEM"));
            Assert.That(judgeEvent.Endpoint, Is.EqualTo("web02"));
            Assert.That(judgeEvent.LeftValue, Is.EqualTo(12));
            Assert.That(judgeEvent.CurrentStep, Is.EqualTo(1));
            Assert.That(judgeEvent.EventTime, Is.EqualTo(1_700_000_060));
            Assert.That(judgeEvent.PushedTags["project"], Is.EqualTo("falcon"));
        });
    }

    [Test]
    public void RoundTrip_KeepsEveryField()
    {
        var judgeEvent = new JudgeEvent
        {
            Id = "s_12_" + Md5, Strategy = CpuStrategy, Status = JudgeEventStatus.Problem, Endpoint = "web01",
            LeftValue = 1e21, CurrentStep = 3, EventTime = 1_700_000_000, PushedTags = TagSet.Parse("core=0"),
        };

        var json = JsonSerializer.Serialize(judgeEvent, EventJsonContext.Default.JudgeEvent);
        var read = JsonSerializer.Deserialize(json, EventJsonContext.Default.JudgeEvent);

        Assert.That(read, Is.EqualTo(judgeEvent));
    }
}
