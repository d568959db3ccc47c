using System.CommandLine;
using System.Text.Json;
using Falcon.Cli.Alarm;
using Falcon.Roles.Alarm.Delivery;
using Falcon.Tests.Roles.Alarm.Channels;

namespace Falcon.Tests.Integration.Roles.Alarm.Delivery;

[Category("Integration")]
public sealed class AlarmFailedCommandTests
{
    [Test]
    public async Task Failed_ListsTheFinalFailures_WithTheirLastError()
    {
        await using var h = await DeliveryHarness.StartAsync();
        var record = await AddFinalAsync(h);

        var (exit, output, error) = await RunAsync(h, "alarm", "failed");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, error);
            Assert.That(output, Does.Contain("final failures: 1, waiting for another round: 0"));
            Assert.That(output, Does.Contain(record.Message.Id).And.Contain(record.Message.Subject).And.Contain("code 9499: Bad Request"));
        });
    }

    [Test]
    public async Task FailedJson_PrintsTheRecordsWithTheirButtons()
    {
        await using var h = await DeliveryHarness.StartAsync();
        var record = await AddFinalAsync(h);

        var (exit, output, error) = await RunAsync(h, "alarm", "failed", "--json");

        var listed = JsonSerializer.Deserialize(output, DeliveryJsonContext.Default.ListDeliveryRecord)!;
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, error);
            Assert.That(listed.Single().Message.Id, Is.EqualTo(record.Message.Id));
            Assert.That(listed.Single().Message.Actions, Is.EqualTo(record.Message.Actions));
        });
    }

    [Test]
    public async Task FailedReplay_MovesTheFinalFailuresBackToTheFailureQueue_DueNow()
    {
        await using var h = await DeliveryHarness.StartAsync();
        var record = await AddFinalAsync(h);

        var (exit, output, error) = await RunAsync(h, "alarm", "failed", "--replay");

        var (failed, final) = await h.Store.CountAsync(CancellationToken.None);
        var claimed = await h.Store.ClaimAsync(DeliveryQueue.Failed, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1), 10, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, error);
            Assert.That(output, Does.Contain("replaying 1 message(s)"));
            Assert.That((failed, final), Is.EqualTo((1L, 0L)));
            Assert.That(claimed.Single().Message.Id, Is.EqualTo(record.Message.Id));
            Assert.That(claimed.Single().Replayed, Is.True);
        });
    }

    [Test]
    public async Task Failed_WithABadRedisSetting_SaysSoOnStderr_AndExits1()
    {
        await using var h = await DeliveryHarness.StartAsync();

        var (exit, _, error) = await RunAsync(h, "alarm", "failed", "--set", "redis.connection=");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error, Does.Contain("redis.connection"));
        });
    }

    private static async Task<DeliveryRecord> AddFinalAsync(DeliveryHarness h)
    {
        var record = new DeliveryRecord(TestMessages.Card(), 2, false, "code 9499: Bad Request", h.Time.GetUtcNow(), h.Time.GetUtcNow());
        await h.Store.MoveToFinalAsync(record, h.Time.GetUtcNow(), DeliveryQueue.Failed, CancellationToken.None);
        return record;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(DeliveryHarness h, params string[] args)
    {
        var alarm = new Command("alarm") { AlarmFailedCommand.Create() };
        var root = new RootCommand { alarm };
        var server = await TestServers.RedisAsync();
        string[] all = [.. args, "--set", $"redis.connection={server.Connection}", "--set", $"alarm.delivery.keyPrefix={h.Options.KeyPrefix}"];
        if (args.Contains("redis.connection="))
        {
            all = [.. args, "--set", $"alarm.delivery.keyPrefix={h.Options.KeyPrefix}"];
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(all).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
