using Falcon.Roles.Alarm.Records;
using Falcon.Roles.Alarm.Routing;
using Falcon.Tests.Roles.Alarm.Consumption;

namespace Falcon.Tests.Roles.Alarm.Routing;

public sealed class AlarmContentTests
{
    [Test]
    public void Sms_IsOpenFalconsCommonSmsContent()
    {
        var e = TestEvents.Strategy(priority: 0, tags: "core=1", currentStep: 2);

        Assert.That(AlarmContent.Sms(e), Is.EqualTo($"[P0][PROBLEM][host-a][][cpu busy all(#3) cpu.idle core=1 5.5<10][O2 {GoFormat.Time(e.EventTime)}]"));
    }

    [Test]
    public void Mail_IsOpenFalconsCommonMailContentWithTheTemplateLink()
    {
        var e = TestEvents.Strategy(priority: 1);

        Assert.That(AlarmContent.Mail(e, "http://dash"), Is.EqualTo(
            $"PROBLEM\r\nP1\r\nEndpoint:host-a\r\nMetric:cpu.idle\r\nTags:\r\nall(#3): 5.5<10\r\nNote:cpu busy\r\nMax:3, Current:1\r\nTimestamp:{GoFormat.Time(e.EventTime)}\r\nhttp://dash/portal/template/view/7\r\n"));
    }

    [Test]
    public void Mail_OfAnExpressionEvent_LinksTheExpression() =>
        Assert.That(AlarmContent.Mail(TestEvents.Expression(), "http://dash"), Does.EndWith("http://dash/portal/expression/view/33\r\n"));

    [Test]
    public void CombinedSms_TakesTheEndpointOfTheFirstAlarmAsExample()
    {
        var first = AlarmContent.Sms(TestEvents.Strategy(priority: 3));

        Assert.That(AlarmContent.CombinedSms(3, "PROBLEM", 4, "cpu.idle", first), Is.EqualTo("[P3][PROBLEM] 4 cpu.idle.  e.g. host-a. detail in email"));
    }

    [Test]
    public void Phone_IsTheForksSingleAlarmText() =>
        Assert.That(AlarmContent.Phone(TestEvents.Strategy()), Is.EqualTo("单条策略报警host-acpu.idle"));
}
