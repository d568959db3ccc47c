using System.Text.Json;
using Falcon.Roles.Alarm.Channels;
using Falcon.Shared.Redis;
using Falcon.Tests.Roles.Alarm.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Alarm.Channels;

[Category("Integration")]
public sealed class OpenFalconQueueSenderTests
{
    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task SendAsync_LPushesOpenFalconsMailJson(bool cluster)
    {
        var server = await TestServers.RedisAsync(cluster);
        await using var redis = new RedisConnection(Options.Create(new RedisOptions { Connection = server.Connection }), NullLogger<RedisConnection>.Instance);
        var queue = $"/mail-{Guid.NewGuid():N}";
        var message = TestMessages.Card(channel: ChannelKind.Mail) with { Recipients = ["a@example.com", "b@example.com"] };

        var outcome = await new OpenFalconQueueSender(ChannelKind.Mail, queue, redis).SendAsync(message, ChannelTarget.Primary, CancellationToken.None);

        var db = await redis.GetDatabaseAsync();
        using var json = JsonDocument.Parse((string)(await db.ListRightPopAsync(queue))!);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True);
            Assert.That(json.RootElement.GetProperty("tos").GetString(), Is.EqualTo("a@example.com,b@example.com"));
            Assert.That(json.RootElement.GetProperty("subject").GetString(), Is.EqualTo(message.Subject));
            Assert.That(json.RootElement.GetProperty("content").GetString(), Does.StartWith(message.Content).And.Contain("Silence 1h: https://"));
        });
    }

    [Test]
    public async Task SendAsync_WhenRedisIsDown_Fails()
    {
        var port = Servers.ServerProcess.FreePort();
        await using var redis = new RedisConnection(
            Options.Create(new RedisOptions { Connection = $"127.0.0.1:{port},connectTimeout=300,asyncTimeout=300" }),
            NullLogger<RedisConnection>.Instance);

        var outcome = await new OpenFalconQueueSender(ChannelKind.Sms, "/sms", redis).SendAsync(TestMessages.Text(ChannelKind.Sms, "1"), ChannelTarget.Primary, CancellationToken.None);

        Assert.That(outcome.Succeeded, Is.False);
    }
}
