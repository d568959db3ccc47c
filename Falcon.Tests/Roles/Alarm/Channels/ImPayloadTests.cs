using System.Text.Json;
using Falcon.Roles.Alarm.Channels;

namespace Falcon.Tests.Roles.Alarm.Channels;

public sealed class ImPayloadTests
{
    [Test]
    public void Feishu_IsAnInteractiveCard_RedForAProblem_WithOneButtonPerAction()
    {
        using var json = Parse(ImProvider.Feishu, TestMessages.Card());

        var card = json.RootElement.GetProperty("card");
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("msg_type").GetString(), Is.EqualTo("interactive"));
            Assert.That(card.GetProperty("header").GetProperty("template").GetString(), Is.EqualTo("red"));
            Assert.That(card.GetProperty("header").GetProperty("title").GetProperty("content").GetString(), Is.EqualTo("[P0][PROBLEM] host-a cpu.idle"));
            Assert.That(card.GetProperty("elements")[0].GetProperty("text").GetProperty("content").GetString(), Does.Contain("<at id=alice></at>"));
            Assert.That(card.GetProperty("elements")[1].GetProperty("actions")[1].GetProperty("text").GetProperty("content").GetString(), Is.EqualTo("Silence 1d"));
        });
    }

    [Test]
    public void Feishu_ForAnOk_IsGreen_AndWithoutActionsHasNoButtonRow()
    {
        using var json = Parse(ImProvider.Feishu, TestMessages.Card() with { Status = "OK", Actions = [] });

        var card = json.RootElement.GetProperty("card");
        Assert.Multiple(() =>
        {
            Assert.That(card.GetProperty("header").GetProperty("template").GetString(), Is.EqualTo("green"));
            Assert.That(card.GetProperty("elements").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [Test]
    public void DingTalk_WithoutActions_IsMarkdown_AndMentionsTheRecipients()
    {
        using var json = Parse(ImProvider.Dingtalk, TestMessages.Card() with { Actions = [] });

        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("msgtype").GetString(), Is.EqualTo("markdown"));
            Assert.That(json.RootElement.GetProperty("markdown").GetProperty("text").GetString(), Does.Contain("@alice"));
            Assert.That(json.RootElement.GetProperty("at").GetProperty("atUserIds")[0].GetString(), Is.EqualTo("alice"));
        });
    }

    [Test]
    public void Slack_TruncatesAHeaderLongerThanSlackAllows()
    {
        using var json = Parse(ImProvider.Slack, TestMessages.Card() with { Subject = new string('s', 400) });

        Assert.That(json.RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString(), Has.Length.EqualTo(150));
    }

    [Test]
    public void Webhook_CarriesEveryFieldOfTheMessage()
    {
        var message = TestMessages.Card() with { Groups = ["oc_123"] };

        using var json = Parse(ImProvider.Webhook, message);

        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("channel").GetString(), Is.EqualTo("im"));
            Assert.That(root.GetProperty("recipients")[0].GetString(), Is.EqualTo("alice"));
            Assert.That(root.GetProperty("groups")[0].GetString(), Is.EqualTo("oc_123"));
            Assert.That(root.GetProperty("priority").GetInt32(), Is.Zero);
            Assert.That(root.GetProperty("eventId").GetString(), Is.EqualTo("s_1_abc"));
        });
    }

    [Test]
    public void ContentWithQuotesAndNewlines_StaysValidJson()
    {
        var message = TestMessages.Card() with { Content = "a \"quoted\" line\nand <b>markup</b> \\ done" };

        foreach (var provider in new[] { ImProvider.Feishu, ImProvider.Dingtalk, ImProvider.Wecom, ImProvider.Slack, ImProvider.Webhook })
        {
            using var json = Parse(provider, message);
            Assert.That(json.RootElement.GetRawText(), Does.Contain("quoted"), provider.ToString());
        }
    }

    private static JsonDocument Parse(ImProvider provider, AlarmMessage message) => JsonDocument.Parse(ImPayload.Create(provider, message));
}
