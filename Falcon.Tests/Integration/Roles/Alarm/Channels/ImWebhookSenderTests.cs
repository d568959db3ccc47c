using System.Text.Json;
using Falcon.Roles.Alarm.Channels;
using Falcon.Tests.Roles.Alarm.Channels;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Alarm.Channels;

[Category("Integration")]
public sealed class ImWebhookSenderTests
{
    private FakeProviderServer _server = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _server = await FakeProviderServer.StartAsync();
        _client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    [TearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Feishu_WhenCodeIsZero_Succeeds_AndPostsAnInteractiveCardWithButtons()
    {
        _server.Answer(FakeAnswer.Json(200, """{"code":0,"msg":"success","data":{}}"""));

        var outcome = await Sender(ImProvider.Feishu).SendAsync(TestMessages.Card(), ChannelTarget.Primary, CancellationToken.None);

        using var body = JsonDocument.Parse(_server.Requests.Single().Body);
        var buttons = body.RootElement.GetProperty("card").GetProperty("elements")[1].GetProperty("actions");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True);
            Assert.That(_server.Requests.Single().PathAndQuery, Is.EqualTo("/open-apis/bot/v2/hook/primary-token"));
            Assert.That(body.RootElement.GetProperty("msg_type").GetString(), Is.EqualTo("interactive"));
            Assert.That(buttons.GetArrayLength(), Is.EqualTo(2));
            Assert.That(buttons[0].GetProperty("url").GetString(), Is.EqualTo("https://falcon.example/silence?sig=abc&for=1h"));
        });
    }

    [Test]
    public async Task Feishu_WhenTheOlderStatusCodeIsZero_Succeeds()
    {
        _server.Answer(FakeAnswer.Json(200, """{"Extra":null,"StatusCode":0,"StatusMessage":"success"}"""));

        var outcome = await Sender(ImProvider.Feishu).SendAsync(TestMessages.Card(), ChannelTarget.Primary, CancellationToken.None);

        Assert.That(outcome.Succeeded, Is.True);
    }

    [Test]
    public async Task Feishu_WhenA200CarriesAnErrorCode_Fails_WithTheProvidersMessage()
    {
        _server.Answer(FakeAnswer.Json(200, """{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}"""));

        var outcome = await Sender(ImProvider.Feishu).SendAsync(TestMessages.Card(), ChannelTarget.Primary, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.False);
            Assert.That(outcome.Detail, Does.Contain("19021").And.Contain("sign match fail"));
        });
    }

    [Test]
    public async Task Feishu_WithASecret_SignsTheBody()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var options = new ImChannelOptions { Provider = ImProvider.Feishu, Primary = _server.Url("hook/p"), PrimarySecret = "s3cret" };

        await new ImWebhookSender(_client, Options.Create(options), time).SendAsync(TestMessages.Card(), ChannelTarget.Primary, CancellationToken.None);

        using var body = JsonDocument.Parse(_server.Requests.Single().Body);
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes("1700000000\ns3cret"), Array.Empty<byte>()));
        Assert.Multiple(() =>
        {
            Assert.That(body.RootElement.GetProperty("timestamp").GetString(), Is.EqualTo("1700000000"));
            Assert.That(body.RootElement.GetProperty("sign").GetString(), Is.EqualTo(expected));
        });
    }

    [Test]
    public async Task DingTalk_WithActions_PostsAnActionCard_AndReadsErrcode()
    {
        _server.Answer(FakeAnswer.Json(200, """{"errcode":310000,"errmsg":"keywords not in content"}"""));

        var outcome = await Sender(ImProvider.Dingtalk).SendAsync(TestMessages.Card(), ChannelTarget.Primary, CancellationToken.None);

        using var body = JsonDocument.Parse(_server.Requests.Single().Body);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.False);
            Assert.That(outcome.Detail, Does.Contain("310000"));
            Assert.That(body.RootElement.GetProperty("msgtype").GetString(), Is.EqualTo("actionCard"));
            Assert.That(body.RootElement.GetProperty("actionCard").GetProperty("btns")[1].GetProperty("actionURL").GetString(), Does.Contain("for=1d"));
        });
    }

    [Test]
    public async Task DingTalk_WithASecret_AddsTimestampAndSignToTheUrl()
    {
        _server.Answer(FakeAnswer.Json(200, """{"errcode":0,"errmsg":"ok"}"""));
        var options = new ImChannelOptions { Provider = ImProvider.Dingtalk, Primary = _server.Url("robot/send?access_token=tok"), PrimarySecret = "SECabc" };

        var outcome = await new ImWebhookSender(_client, Options.Create(options), TimeProvider.System).SendAsync(TestMessages.Card(), ChannelTarget.Primary, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True);
            Assert.That(_server.Requests.Single().PathAndQuery, Does.Match(@"^/robot/send\?access_token=tok&timestamp=\d{13}&sign=[^&]+$"));
        });
    }

    [Test]
    public async Task WeCom_WhenErrcodeIsZero_Succeeds_AndPostsMarkdownWithTheLinks()
    {
        _server.Answer(FakeAnswer.Json(200, """{"errcode":0,"errmsg":"ok"}"""));

        var outcome = await Sender(ImProvider.Wecom).SendAsync(TestMessages.Card(), ChannelTarget.Primary, CancellationToken.None);

        using var body = JsonDocument.Parse(_server.Requests.Single().Body);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True);
            Assert.That(body.RootElement.GetProperty("markdown").GetProperty("content").GetString(), Does.Contain("[Silence 1h](https://falcon.example/silence?sig=abc&for=1h)"));
        });
    }

    [Test]
    public async Task Slack_WhenTheBodyIsOk_Succeeds_AndPostsButtons()
    {
        _server.Answer(FakeAnswer.Text(200, "ok"));

        var outcome = await Sender(ImProvider.Slack).SendAsync(TestMessages.Card(), ChannelTarget.Primary, CancellationToken.None);

        using var body = JsonDocument.Parse(_server.Requests.Single().Body);
        var blocks = body.RootElement.GetProperty("blocks");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True);
            Assert.That(blocks[2].GetProperty("type").GetString(), Is.EqualTo("actions"));
            Assert.That(blocks[2].GetProperty("elements")[0].GetProperty("type").GetString(), Is.EqualTo("button"));
        });
    }

    [Test]
    public async Task Slack_WhenTheWebhookRefuses_Fails()
    {
        _server.Answer(FakeAnswer.Text(403, "invalid_token"));

        var outcome = await Sender(ImProvider.Slack).SendAsync(TestMessages.Card(), ChannelTarget.Primary, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.False);
            Assert.That(outcome.Detail, Does.Contain("403").And.Contain("invalid_token"));
        });
    }

    [Test]
    public async Task Webhook_PostsTheWholeMessageAsJson_AndTakesAny2xx()
    {
        _server.Answer(FakeAnswer.Text(202, string.Empty));
        var message = TestMessages.Card();

        var outcome = await Sender(ImProvider.Webhook).SendAsync(message, ChannelTarget.Primary, CancellationToken.None);

        using var body = JsonDocument.Parse(_server.Requests.Single().Body);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True);
            Assert.That(body.RootElement.GetProperty("id").GetString(), Is.EqualTo(message.Id));
            Assert.That(body.RootElement.GetProperty("actions")[0].GetProperty("label").GetString(), Is.EqualTo("Silence 1h"));
        });
    }

    [Test]
    public async Task AnHttpError_IsAFailure_NamingTheStatus()
    {
        _server.Answer(FakeAnswer.Text(502, "bad gateway"));

        var outcome = await Sender(ImProvider.Feishu).SendAsync(TestMessages.Card(), ChannelTarget.Primary, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.False);
            Assert.That(outcome.Detail, Does.StartWith("HTTP 502"));
        });
    }

    [Test]
    public async Task ATimeout_IsAFailure_ThatNamesTheHostButNotTheWebhookToken()
    {
        _server.Answer(FakeAnswer.Slow(TimeSpan.FromSeconds(10)));

        var outcome = await Sender(ImProvider.Feishu, TimeSpan.FromMilliseconds(200)).SendAsync(TestMessages.Card(), ChannelTarget.Primary, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.False);
            Assert.That(outcome.Detail, Does.Contain("did not answer within 0.2 s").And.Contain("127.0.0.1"));
            Assert.That(outcome.Detail, Does.Not.Contain("primary-token"));
        });
    }

    [Test]
    public async Task TheBackupTarget_GoesToTheBackupBot()
    {
        await Sender(ImProvider.Feishu).SendAsync(TestMessages.Card(), ChannelTarget.Backup, CancellationToken.None);

        Assert.That(_server.Requests.Single().PathAndQuery, Is.EqualTo("/open-apis/bot/v2/hook/backup-token"));
    }

    [Test]
    public async Task AMessageWithAGroupWebhook_GoesToThatGroupsBotOnThePrimaryTry()
    {
        var message = TestMessages.Card() with { Groups = [_server.Url("group-hook")] };

        await Sender(ImProvider.Feishu).SendAsync(message, ChannelTarget.Primary, CancellationToken.None);

        Assert.That(_server.Requests.Single().PathAndQuery, Is.EqualTo("/group-hook"));
    }

    private ImWebhookSender Sender(ImProvider provider, TimeSpan? timeout = null) => new(
        _client,
        Options.Create(new ImChannelOptions
        {
            Provider = provider,
            Primary = _server.Url("open-apis/bot/v2/hook/primary-token"),
            Backup = _server.Url("open-apis/bot/v2/hook/backup-token"),
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
        }),
        TimeProvider.System);
}
