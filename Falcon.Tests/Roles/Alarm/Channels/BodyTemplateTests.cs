using Falcon.Roles.Alarm.Channels;

namespace Falcon.Tests.Roles.Alarm.Channels;

public sealed class BodyTemplateTests
{
    [Test]
    public void Fill_ForAForm_UrlEncodesEachValue()
    {
        var message = TestMessages.Text(ChannelKind.Sms, "1", "2") with { Content = "a&b=c d" };

        var body = BodyTemplate.Fill("tos={tos}&content={content}", HttpBodyFormat.Form, message, null);

        Assert.That(body, Is.EqualTo("tos=1%2C2&content=a%26b%3Dc%20d"));
    }

    [Test]
    public void Fill_ForJson_EscapesInsideStrings_AndKeepsOtherBraces()
    {
        var message = TestMessages.Text(ChannelKind.Phone, "alice") with { Content = "say \"hi\"\n" };

        var body = BodyTemplate.Fill("""{"to":"{to}","msg":"{content}","extra":{"n":{priority}},"keep":"{unknown}"}""", HttpBodyFormat.Json, message, "alice");

        Assert.That(body, Is.EqualTo("""{"to":"alice","msg":"say \"hi\"\n","extra":{"n":1},"keep":"{unknown}"}"""));
    }

    [TestCase("""{"msg":"{content}"}""", true)]
    [TestCase("""{"msg":{content}}""", false)]
    [TestCase("msg={content}", false)]
    public void IsJsonTemplate_SaysWhetherTheFilledTemplateParses(string template, bool valid)
    {
        Assert.That(BodyTemplate.IsJsonTemplate(template), Is.EqualTo(valid));
    }
}
