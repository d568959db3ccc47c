using System.Text.Json;
using Falcon.Roles.Alarm.Channels;
using Falcon.Tests.Roles.Alarm.Channels;

namespace Falcon.Tests.Integration.Roles.Alarm.Channels;

[Category("Integration")]
public sealed class HttpProviderSenderTests
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
    public async Task ByDefault_PostsOpenFalconsFormFields_AndTakesA2xx()
    {
        _server.Answer(FakeAnswer.Text(200, "sent"));
        var message = TestMessages.Text(ChannelKind.Sms, "13800000001", "13800000002");

        var outcome = await new HttpProviderSender(ChannelKind.Sms, _client, new SmsOptions { Primary = _server.Url("sms") }).SendAsync(message, ChannelTarget.Primary, CancellationToken.None);

        var request = _server.Requests.Single();
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Body);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True);
            Assert.That(request.ContentType, Does.StartWith("application/x-www-form-urlencoded"));
            Assert.That(form["tos"].ToString(), Is.EqualTo("13800000001,13800000002"));
            Assert.That(form["content"].ToString(), Is.EqualTo(message.Content));
        });
    }

    [Test]
    public async Task AJsonTemplate_IsFilledWithEscapedValues_AndHeadersAreSent()
    {
        var options = new PhoneOptions
        {
            Primary = _server.Url("call"),
            Format = HttpBodyFormat.Json,
            Body = """{"user":"{to}","msg":"{content}","level":{priority}}""",
            PerRecipient = true,
            Headers = { ["Authorization"] = "Bearer t0ken" },
            SuccessField = "ret",
        };
        _server.Answer(FakeAnswer.Json(200, """{"ret":0}"""));
        var message = TestMessages.Text(ChannelKind.Phone, "alice");

        var outcome = await new HttpProviderSender(ChannelKind.Phone, _client, options).SendAsync(message, ChannelTarget.Primary, CancellationToken.None);

        var request = _server.Requests.Single();
        using var body = JsonDocument.Parse(request.Body);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True);
            Assert.That(body.RootElement.GetProperty("user").GetString(), Is.EqualTo("alice"));
            Assert.That(body.RootElement.GetProperty("msg").GetString(), Is.EqualTo(message.Content));
            Assert.That(body.RootElement.GetProperty("level").GetInt32(), Is.EqualTo(1));
            Assert.That(request.Headers["Authorization"], Is.EqualTo("Bearer t0ken"));
        });
    }

    [Test]
    public async Task A200WhoseSuccessFieldSaysOtherwise_IsAFailure()
    {
        _server.Answer(FakeAnswer.Json(200, """{"ret":1001,"msg":"quota exceeded"}"""));
        var options = new PhoneOptions { Primary = _server.Url("call"), SuccessField = "ret" };

        var outcome = await new HttpProviderSender(ChannelKind.Phone, _client, options).SendAsync(TestMessages.Text(ChannelKind.Phone, "alice"), ChannelTarget.Primary, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.False);
            Assert.That(outcome.Detail, Does.Contain("ret is 1001, not 0"));
        });
    }

    [Test]
    public async Task ANestedSuccessField_IsRead()
    {
        _server.Answer(FakeAnswer.Json(200, """{"result":{"status":"OK"}}"""));
        var options = new SmsOptions { Primary = _server.Url("sms"), SuccessField = "result.status", SuccessValue = "ok" };

        var outcome = await new HttpProviderSender(ChannelKind.Sms, _client, options).SendAsync(TestMessages.Text(ChannelKind.Sms, "1"), ChannelTarget.Primary, CancellationToken.None);

        Assert.That(outcome.Succeeded, Is.True);
    }

    [Test]
    public async Task AnHttpErrorAndATimeout_AreFailures()
    {
        _server.Answer(FakeAnswer.Text(500, "boom"), FakeAnswer.Slow(TimeSpan.FromSeconds(10)));
        var sender = new HttpProviderSender(ChannelKind.Sms, _client, new SmsOptions { Primary = _server.Url("sms"), Timeout = TimeSpan.FromMilliseconds(200) });

        var error = await sender.SendAsync(TestMessages.Text(ChannelKind.Sms, "1"), ChannelTarget.Primary, CancellationToken.None);
        var timeout = await sender.SendAsync(TestMessages.Text(ChannelKind.Sms, "1"), ChannelTarget.Primary, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(error.Succeeded, Is.False);
            Assert.That(error.Detail, Does.StartWith("HTTP 500"));
            Assert.That(timeout.Succeeded, Is.False);
            Assert.That(timeout.Detail, Does.Contain("did not answer"));
        });
    }

    [Test]
    public async Task TheBackupTarget_GoesToTheBackupProvider()
    {
        var options = new SmsOptions { Primary = _server.Url("primary"), Backup = _server.Url("backup") };

        await new HttpProviderSender(ChannelKind.Sms, _client, options).SendAsync(TestMessages.Text(ChannelKind.Sms, "1"), ChannelTarget.Backup, CancellationToken.None);

        Assert.That(_server.Requests.Single().PathAndQuery, Is.EqualTo("/backup"));
    }

    [Test]
    public async Task AnUnreachableProvider_IsAFailure()
    {
        var port = Servers.ServerProcess.FreePort();
        var options = new SmsOptions { Primary = $"http://127.0.0.1:{port}/sms" };

        var outcome = await new HttpProviderSender(ChannelKind.Sms, _client, options).SendAsync(TestMessages.Text(ChannelKind.Sms, "1"), ChannelTarget.Primary, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.False);
            Assert.That(outcome.Detail, Does.Contain("ConnectionError"));
        });
    }
}
