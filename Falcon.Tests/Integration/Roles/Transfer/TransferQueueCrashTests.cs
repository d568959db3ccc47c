using System.Globalization;
using System.Text;
using Falcon.Tests.Integration.Servers;

namespace Falcon.Tests.Integration.Roles.Transfer;

/// <summary>Acknowledged points survive transfer dying (SIGKILL) or stopping (SIGTERM) while the TSDB cannot take them.</summary>
[Category("Integration")]
public sealed class TransferQueueCrashTests
{
    private const int Series = 100;
    private const int PointsPerSeries = 100;
    private const int Points = Series * PointsPerSeries;
    private const int PointsPerPush = 500;

    // Whole minutes in the past, so the step rule leaves the timestamps as they are.
    private static readonly long T0 = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - 3600;

    private readonly List<string> _queuePaths = [];

    [Test]
    public async Task Sigkill_WhileTheTsdbIsStalled_AfterRestart_EveryAcknowledgedPointReachesTheTsdb()
    {
        var queuePath = NewQueuePath();
        var host = TransferRoleTests.Host();
        var tsdb = await TestServers.VictoriaMetricsAsync();
        using (var stalled = new StalledTsdb())
        using (var first = TransferProcess.Start(queuePath, stalled.WriteUrl))
        {
            await PushAllAsync(first, host);
            // The senders are stuck in requests the TSDB never answers: nothing left the queue.
            await Poll.UntilAsync(() => Task.FromResult(stalled.Bytes > 0), what: "remote-write requests reached the stalled TSDB");
            first.Process.Kill();
            await first.Process.WaitForExitAsync();
        }

        using var second = TransferProcess.Start(queuePath, tsdb.WriteUrl);
        await AssertAllWrittenAsync(tsdb, host, second);
        Assert.That(second.Output.ToString(), Does.Contain($"{Points} points left by the previous process"), "every point came from the queue file");
        await second.SignalAsync("TERM");
        Assert.That(await second.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, second.Output.ToString());
    }

    [Test]
    public async Task Sigterm_WithTheTsdbDown_ExitsCleanly_AndTheNextStartWritesEveryPoint()
    {
        var queuePath = NewQueuePath();
        var host = TransferRoleTests.Host();
        var down = new Uri($"http://127.0.0.1:{ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}/api/v1/write");
        using (var first = TransferProcess.Start(queuePath, down, "transfer.flushTimeout=00:00:01"))
        {
            await PushAllAsync(first, host);
            await first.SignalAsync("TERM");
            Assert.Multiple(async () =>
            {
                Assert.That(await first.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, first.Output.ToString());
                Assert.That(first.Output.ToString(), Does.Contain("stay in the queue").And.Not.Contain("lost"));
            });
        }

        var tsdb = await TestServers.VictoriaMetricsAsync();
        using var second = TransferProcess.Start(queuePath, tsdb.WriteUrl);
        await AssertAllWrittenAsync(tsdb, host, second);
        Assert.That(second.Output.ToString(), Does.Contain($"{Points} points left by the previous process"));
    }

    [Test]
    public async Task SecondProcess_OnTheSameQueuePath_StopsWithAClearLine()
    {
        var queuePath = NewQueuePath();
        var down = new Uri($"http://127.0.0.1:{ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}/api/v1/write");
        using var first = TransferProcess.Start(queuePath, down);
        (await first.ConnectAsync()).Dispose();

        using var second = TransferProcess.Start(queuePath, down);
        var code = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.Zero);
            Assert.That(second.Output.ToString(), Does.Contain($"transfer.queue.path {queuePath} is in use by another transfer process"));
            Assert.That(first.Process.HasExited, Is.False);
        });
    }

    [TearDown]
    public void RemoveQueues()
    {
        foreach (var path in _queuePaths.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }

        _queuePaths.Clear();
    }

    private string NewQueuePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "falcon-tests", "transfer-queue-" + Guid.NewGuid().ToString("N"));
        _queuePaths.Add(path);
        return path;
    }

    // Every push must be acknowledged ("ok", nothing invalid): those are the points that must not be lost.
    private static async Task PushAllAsync(TransferProcess transfer, string host)
    {
        using var agent = await transfer.ConnectAsync();
        for (var push = 0; push < Points / PointsPerPush; push++)
        {
            var reply = await agent.CallAsync(Update(host, push));
            Assert.That(reply, Does.Contain("\"Message\":\"ok\"").And.Contain($"\"Total\":{PointsPerPush},\"Invalid\":0"), transfer.Output.ToString());
        }
    }

    private static async Task AssertAllWrittenAsync(VictoriaMetricsServer tsdb, string host, TransferProcess transfer)
    {
        Dictionary<string, List<string>> series;
        try
        {
            series = await TsdbExport.WaitForAsync(tsdb, $$"""{__name__="queue.test",endpoint="{{host}}"}""", Points);
        }
        catch (TimeoutException)
        {
            Assert.Fail("not every point reached the TSDB:\n" + transfer.Output);
            throw;
        }

        Assert.Multiple(() =>
        {
            Assert.That(series, Has.Count.EqualTo(Series), "series");
            // A batch in flight when the process died may be written twice; a TSDB keeps one sample per timestamp.
            Assert.That(series.Values.Sum(s => s.Distinct().Count()), Is.EqualTo(Points), "distinct samples");
        });
    }

    // Point k of the whole run: series k % Series, minute k / Series before T0.
    private static string Update(string host, int push)
    {
        var request = new StringBuilder("{\"method\":\"Transfer.Update\",\"params\":[[");
        for (var i = 0; i < PointsPerPush; i++)
        {
            var k = (push * PointsPerPush) + i;
            request.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $$"""{"metric":"queue.test","endpoint":"{{host}}","timestamp":{{T0 - (60 * (k / Series))}},"step":60,"value":{{k}},"counterType":"GAUGE","tags":"s={{k % Series}}"}""");
        }

        return request.Append(CultureInfo.InvariantCulture, $"]],\"id\":{push}}}").ToString();
    }
}
