using Falcon.Roles.Agent.Collectors;
using Falcon.Shared.Model.Agents;

namespace Falcon.Tests.Roles.Agent.Collectors;

public class BuiltinCollectorTests
{
    private static BuiltinMetricSet Builtins(params (string Metric, string Tags)[] metrics)
    {
        var set = new BuiltinMetricSet();
        set.Replace([.. metrics.Select(m => new BuiltinMetric(m.Metric, m.Tags))], "checksum");
        return set;
    }

    [Test]
    public async Task PortListen_IsOneForTcpAndUdpListenersOnIpv4AndIpv6AndZeroOtherwise()
    {
        var builtins = Builtins(
            ("net.port.listen", "port=22"), ("net.port.listen", "port=3306"), ("net.port.listen", "port=80"),
            ("net.port.listen", "port=123"), ("net.port.listen", "port=8080"), ("net.port.listen", "port=40960"),
            ("net.port.listen", "port=abc"), ("net.port.listen", "port=0"), ("net.port.listen", "port=22"), ("proc.num", "name=x"));
        var collector = new PortListenCollector(Fixture.Recorded("kernel-2.6.32").Proc, builtins);

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.That(writer.Points.OrderBy(p => p.Tags, StringComparer.Ordinal), Is.EqualTo(new[]
        {
            new RecordedPoint("net.port.listen", 1, "port=123", false),
            new RecordedPoint("net.port.listen", 1, "port=22", false),
            new RecordedPoint("net.port.listen", 1, "port=3306", false),
            new RecordedPoint("net.port.listen", 0, "port=40960", false),
            new RecordedPoint("net.port.listen", 1, "port=80", false),
            new RecordedPoint("net.port.listen", 0, "port=8080", false),
        }));
    }

    [Test]
    public async Task PortListen_WithoutStrategiesReadsNothingAndWritesNothing()
    {
        var writer = await RecordingWriter.CollectAsync(new PortListenCollector("/nonexistent", Builtins()));

        Assert.That(writer.Points, Is.Empty);
    }

    [TestCase("  0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1", "0A", true, 22)]
    [TestCase("   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 0", "0A", true, 80)]
    [TestCase("  sl  local_address rem_address   st tx_queue", "0A", false, 0)]
    [TestCase("  0: 00000000:zz16 00000000:0000 0A", "0A", false, 0)]
    [TestCase("  0: 00000000:0016", "0A", false, 0)]
    public void PortListen_ParsesSocketTableLines(string line, string state, bool listening, int port)
    {
        bool parsed = PortListenCollector.TryParseListening(line, state, out int actual);

        Assert.That((parsed, parsed ? actual : 0), Is.EqualTo((listening, port)));
    }

    [Test]
    public async Task ProcNum_CountsByExactNameAndCommandLineSubstringAndEchoesTheTags()
    {
        var builtins = Builtins(
            ("proc.num", "name=nginx"), ("proc.num", "cmdline=worker"), ("proc.num", "name=nginx,cmdline=master"),
            ("proc.num", "cmdline=-jar /opt/app.jar"), ("proc.num", "name=ngin"), ("proc.num", "name=kworker/0:1 x"),
            ("proc.num", "name=missing"), ("proc.num", "foo=bar"), ("du.bs", "path=/"));
        var collector = new ProcNumCollector(Path.Combine(Fixture.PathOf("kernel-2.6.32"), "proc"), builtins);

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.That(writer.Points, Is.EqualTo(new[]
        {
            new RecordedPoint("proc.num", 2, "name=nginx", false),
            new RecordedPoint("proc.num", 1, "cmdline=worker", false),
            new RecordedPoint("proc.num", 1, "name=nginx,cmdline=master", false),
            new RecordedPoint("proc.num", 1, "cmdline=-jar /opt/app.jar", false),
            new RecordedPoint("proc.num", 0, "name=ngin", false),
            new RecordedPoint("proc.num", 1, "name=kworker/0:1 x", false),
            new RecordedPoint("proc.num", 0, "name=missing", false),
        }));
    }

    [Test]
    public async Task ProcNum_WithoutProc_WritesNothing()
    {
        var writer = await RecordingWriter.CollectAsync(new ProcNumCollector("/nonexistent-proc", Builtins(("proc.num", "name=init"))));

        Assert.That(writer.Points, Is.Empty);
    }

    [Test]
    public async Task ProcNum_OnThisHost_FindsItself()
    {
        var collector = new ProcNumCollector("/proc", Builtins(("proc.num", "cmdline=" + Environment.ProcessId.ToString() + "-no-such-arg"), ("proc.num", "name=" + File.ReadAllLines("/proc/self/status")[0][6..])));

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(writer.Points[0].Value, Is.Zero);
            Assert.That(writer.Points[1].Value, Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task Du_SumsFileSizesWithoutFollowingLinksAndIsMinusOneForAMissingOrRelativeDirectory()
    {
        string root = Path.Combine(Path.GetTempPath(), "falcon-du-" + Guid.NewGuid().ToString("N"));
        string outside = root + "-outside";
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "a", "b"));
            Directory.CreateDirectory(outside);
            File.WriteAllBytes(Path.Combine(root, "one"), new byte[10]);
            File.WriteAllBytes(Path.Combine(root, "a", "two"), new byte[20]);
            File.WriteAllBytes(Path.Combine(root, "a", "b", "three"), new byte[30]);
            File.WriteAllBytes(Path.Combine(outside, "big"), new byte[100_000]);
            Directory.CreateSymbolicLink(Path.Combine(root, "link"), outside);
            var collector = new DuCollector(
                Builtins(("du.bs", "path=" + root), ("du.bs", "path=" + root + "/missing"), ("du.bs", "path=relative/dir")), TimeSpan.FromSeconds(30), TimeProvider.System);

            var writer = await RecordingWriter.CollectAsync(collector);

            Assert.Multiple(() =>
            {
                Assert.That(writer.Value("du.bs", "path=" + root), Is.EqualTo(60));
                Assert.That(writer.Value("du.bs", "path=" + root + "/missing"), Is.EqualTo(-1));
                Assert.That(writer.Value("du.bs", "path=relative/dir"), Is.EqualTo(-1));
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            Directory.Delete(outside, recursive: true);
        }
    }

    [Test]
    public async Task Du_PastItsTimeLimit_IsMinusOne()
    {
        var collector = new DuCollector(Builtins(("du.bs", "path=/usr")), TimeSpan.Zero, TimeProvider.System);

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.That(writer.Value("du.bs", "path=/usr"), Is.EqualTo(-1));
    }

    [Test]
    public void Du_WhenTheAgentStops_LetsTheCancellationThrough()
    {
        var collector = new DuCollector(Builtins(("du.bs", "path=/usr")), TimeSpan.FromSeconds(30), TimeProvider.System);

        Assert.That(async () => await collector.CollectAsync(new RecordingWriter(), new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());
    }

    [TestCase("url=http://a/b,timeout=5", true, "http://a/b", 5)]
    [TestCase("url=http://a/b?x=1&y=2,timeout=3", true, "http://a/b?x=1&y=2", 3)]
    [TestCase("timeout=5,url=http://a/b", false, "", 0)]
    [TestCase("url=http://a/b", false, "", 0)]
    [TestCase("url=http://a/b,timeout=x", false, "", 0)]
    [TestCase("url=http://a/b,timeout=0", false, "", 0)]
    [TestCase("url=http://a/b,timeout=5,extra=1", false, "", 0)]
    [TestCase("url=,timeout=5", false, "", 0)]
    public void UrlTags_FollowOpenFalconButAllowQueryStrings(string tags, bool valid, string url, int timeout)
    {
        bool parsed = BuiltinTags.TryUrl(tags, out string actualUrl, out int actualTimeout);

        Assert.That((parsed, parsed ? actualUrl : "", parsed ? actualTimeout : 0), Is.EqualTo((valid, url, timeout)));
    }
}
