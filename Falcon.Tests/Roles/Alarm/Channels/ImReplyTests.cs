using System.Net;
using Falcon.Roles.Alarm.Channels;

namespace Falcon.Tests.Roles.Alarm.Channels;

public sealed class ImReplyTests
{
    [TestCase("Feishu", """{"code":0,"msg":"success"}""", true)]
    [TestCase("Feishu", """{"StatusCode":0,"StatusMessage":"success"}""", true)]
    [TestCase("Feishu", """{"code":19024,"msg":"Key Words Not Found"}""", false)]
    [TestCase("Feishu", """{"StatusCode":1,"StatusMessage":"bad"}""", false)]
    [TestCase("Feishu", """{"data":{}}""", false)]
    [TestCase("Feishu", "<html>gateway</html>", false)]
    [TestCase("Dingtalk", """{"errcode":0,"errmsg":"ok"}""", true)]
    [TestCase("Dingtalk", """{"errcode":300001,"errmsg":"token is not exist"}""", false)]
    [TestCase("Wecom", """{"errcode":0,"errmsg":"ok"}""", true)]
    [TestCase("Wecom", """{"errcode":93000,"errmsg":"invalid webhook url"}""", false)]
    [TestCase("Wecom", """{"errcode":"0"}""", false)]
    [TestCase("Slack", "ok", true)]
    [TestCase("Slack", "no_text", false)]
    [TestCase("Webhook", "", true)]
    public void Read_OnA200_FollowsTheProvidersSuccessRule(string provider, string body, bool succeeded)
    {
        Assert.That(ImReply.Read(Enum.Parse<ImProvider>(provider), HttpStatusCode.OK, body).Succeeded, Is.EqualTo(succeeded));
    }

    [TestCase("Feishu")]
    [TestCase("Slack")]
    [TestCase("Webhook")]
    public void Read_OnAnHttpError_IsAFailureWhateverTheBody(string provider)
    {
        var outcome = ImReply.Read(Enum.Parse<ImProvider>(provider), HttpStatusCode.TooManyRequests, """{"code":0}""");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.False);
            Assert.That(outcome.Detail, Does.StartWith("HTTP 429"));
        });
    }

    [Test]
    public void Snippet_ShortensLongBodies()
    {
        Assert.That(ImReply.Snippet(new string('x', 1000)), Has.Length.LessThan(210));
    }
}
