using System.Net;
using System.Net.Sockets;
using Falcon.Roles.Agent.Collectors;
using Falcon.Roles.Agent.Heartbeat;
using Falcon.Roles.Agent.Scheduling;
using Falcon.Tests.Roles.Agent;
using Falcon.Tests.Roles.Agent.Collectors;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Tests.Integration.Roles.Agent;

[Category("Integration")]
public sealed class ForkHbsNullRepliesTests
{
    [Test]
    public async Task AnAgent_ToldByTheForkHbsThatItHasNoBuiltinMetrics_KeepsSyncingAndEveryBuiltinCollectorKeepsWorking()
    {
        using var listening = new TcpListener(IPAddress.Loopback, 0);
        listening.Start();
        var port = ((IPEndPoint)listening.LocalEndpoint).Port;
        var directory = Directory.CreateTempSubdirectory("falcon-du-");
        await File.WriteAllBytesAsync(Path.Combine(directory.FullName, "data"), new byte[4096]);
        await using var hbs = new ForkHbsFake();
        hbs.Answer("Agent.ReportStatus", """{"code":0,"Args":null}""");
        hbs.Answer("Agent.BuiltinMetrics", $$"""{"Metrics":[{"Metric":"net.port.listen","Tags":"port={{port}}"},{"Metric":"du.bs","Tags":"path={{directory.FullName}}"}],"Checksum":"c1","Timestamp":1733467200}""");
        hbs.Answer("Agent.TrustableIps", "\"10.0.0.1\"");
        await using var agent = await AgentInstance.StartAsync(
            [], null, withCatalog: true, "agent.hostname=fork-null-01", $"agent.hbs.0={hbs.Address}",
            $"agent.transfer.0={RecordingRpcServer.DeadAddress()}", "agent.heartbeatInterval=00:00:00.200",
            // The test runs these collectors itself; their own ticks, at most every 2 minutes, rarely meet it.
            "agent.tiers.port=120", "agent.tiers.du=120", "agent.tiers.proc=120", "agent.tiers.url=120");
        var builtins = agent.Services.GetRequiredService<BuiltinMetricSet>();
        var trustable = agent.Services.GetRequiredService<TrustableIps>();
        var collectors = agent.Services.GetRequiredService<AgentCollectors>().All.ToDictionary(c => c.Name);

        await Poll.UntilAsync(() => Task.FromResult(builtins.Current.Count == 2 && trustable.Current.SequenceEqual(["10.0.0.1"])), what: "the first builtin metrics and trusted IPs");
        var before = await RecordingWriter.CollectAsync(collectors["port"]);
        var duBefore = await RecordingWriter.CollectAsync(collectors["du"]);

        // The fork hbs's exact reply once no builtin-metric strategy applies to the host any more: a nil slice.
        hbs.Answer("Agent.BuiltinMetrics", """{"Metrics":null,"Checksum":"","Timestamp":1733467260}""");
        hbs.Answer("Agent.TrustableIps", "\"10.0.0.2\"");
        // Trusted IPs are synced after builtin metrics in the same pass: seeing them proves the pass got through.
        await Poll.UntilAsync(() => Task.FromResult(trustable.Current.SequenceEqual(["10.0.0.2"])), what: "trusted IPs synced after the null reply");

        var after = new Dictionary<string, RecordingWriter>();
        foreach (var name in new[] { "port", "du", "proc", "url" })
        {
            after[name] = await RecordingWriter.CollectAsync(collectors[name]);
        }

        Assert.Multiple(() =>
        {
            Assert.That(before.Value("net.port.listen", $"port={port}"), Is.EqualTo(1));
            Assert.That(duBefore.Value("du.bs", $"path={directory.FullName}"), Is.GreaterThanOrEqualTo(4096));
            Assert.That(builtins.Current, Is.Not.Null.And.Empty);
            Assert.That(builtins.Checksum, Is.EqualTo(""));
            Assert.That(after.Values.SelectMany(w => w.Points), Is.Empty, "no builtin metric is asked for any more");
        });

        // And the next pass, with the checksum now current, still syncs.
        hbs.Answer("Agent.TrustableIps", "\"10.0.0.3\"");
        await Poll.UntilAsync(() => Task.FromResult(trustable.Current.SequenceEqual(["10.0.0.3"])), what: "a later pass");
        directory.Delete(recursive: true);
    }
}
