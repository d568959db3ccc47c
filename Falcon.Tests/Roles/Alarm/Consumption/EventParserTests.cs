using Falcon.Roles.Alarm.Consumption;

namespace Falcon.Tests.Roles.Alarm.Consumption;

public sealed class EventParserTests
{
    [Test]
    public void Parse_AnEventAsJudgeWritesIt_ReturnsItWithItsPriorityAndAction()
    {
        var json = TestEvents.Json(TestEvents.Strategy(priority: 2, actionId: 9));

        var parsed = EventParser.Parse(json, out var reason);

        Assert.Multiple(() =>
        {
            Assert.That(reason, Is.Null);
            Assert.That(parsed!.Priority, Is.EqualTo(2));
            Assert.That(parsed.ActionId, Is.EqualTo(9));
        });
    }

    [TestCase("not json at all", "not an event in JSON")]
    [TestCase("null", "JSON null")]
    [TestCase("""{"id":"","status":"PROBLEM","endpoint":"h","strategy":{"id":1},"expression":null,"eventTime":1700000000}""", "no id")]
    [TestCase("""{"id":"s_1","status":"BROKEN","endpoint":"h","strategy":{"id":1},"expression":null,"eventTime":1700000000}""", "neither PROBLEM nor OK")]
    [TestCase("""{"id":"s_1","status":"OK","endpoint":"h","strategy":null,"expression":null,"eventTime":1700000000}""", "exactly one of strategy and expression")]
    [TestCase("""{"id":"s_1","status":"OK","endpoint":"","strategy":{"id":1},"expression":null,"eventTime":1700000000}""", "no endpoint")]
    [TestCase("""{"id":"s_1","status":"OK","endpoint":"h","strategy":{"id":1},"expression":null,"eventTime":1700000000,"currentStep":-1}""", "must not be negative")]
    [TestCase("""{"id":"s_1","status":"OK","endpoint":"h","strategy":{"id":1},"expression":null,"eventTime":0}""", "not a unix time")]
    [TestCase("""{"id":"s_1","status":"OK","endpoint":"h","strategy":{"id":1},"expression":null,"eventTime":"soon"}""", "not an event in JSON")]
    public void Parse_AMalformedEvent_ReturnsNullAndSaysWhy(string raw, string expectedReason)
    {
        var parsed = EventParser.Parse(raw, out var reason);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.Null);
            Assert.That(reason, Does.Contain(expectedReason));
        });
    }

    [Test]
    public void Parse_AnIdLongerThanTheEventCasesColumn_IsRefused()
    {
        var parsed = EventParser.Parse(TestEvents.Json(TestEvents.Strategy(id: "s_1_" + new string('a', 60))), out var reason);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.Null);
            Assert.That(reason, Does.Contain("longer than 50"));
        });
    }
}
