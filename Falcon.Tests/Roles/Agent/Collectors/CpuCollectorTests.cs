using Falcon.Roles.Agent.Collectors;

namespace Falcon.Tests.Roles.Agent.Collectors;

public class CpuCollectorTests
{
    [Test]
    public async Task FirstPass_SendsSwitchesAndCoreCountButNoPercentages()
    {
        var collector = new CpuCollector(Fixture.Recorded("kernel-2.6.32").Proc, perCore: false);

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(writer.Point("cpu.switches"), Is.EqualTo(new RecordedPoint("cpu.switches", 1990473, "", true)));
            Assert.That(writer.Value("host.cpucores"), Is.EqualTo(2));
            Assert.That(writer.Has("cpu.idle"), Is.False);
            Assert.That(writer.Has("cpu.busy"), Is.False);
        });
    }

    [Test]
    public async Task SecondPass_SendsEachColumnAsPercentOfTheTimeBetweenPasses()
    {
        using var tree = Fixture.Copy();
        var collector = new CpuCollector(tree.Proc, perCore: false);
        tree.Write("proc/stat", "cpu  100 0 100 700 100 0 0 0 0 0\nctxt 10\n");
        await RecordingWriter.CollectAsync(collector);

        // Δ: user 100 (of which guest 30), nice 50, system 50, idle 700, iowait 50, irq 10, softirq 20, steal 20 = 1000.
        tree.Write("proc/stat", "cpu  200 50 150 1400 150 10 20 20 30 0\nctxt 25\n");
        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("cpu.idle"), Is.EqualTo(70).Within(1e-9));
            Assert.That(writer.Value("cpu.busy"), Is.EqualTo(30).Within(1e-9));
            Assert.That(writer.Value("cpu.user"), Is.EqualTo(10).Within(1e-9));
            Assert.That(writer.Value("cpu.nice"), Is.EqualTo(5).Within(1e-9));
            Assert.That(writer.Value("cpu.system"), Is.EqualTo(5).Within(1e-9));
            Assert.That(writer.Value("cpu.iowait"), Is.EqualTo(5).Within(1e-9));
            Assert.That(writer.Value("cpu.irq"), Is.EqualTo(1).Within(1e-9));
            Assert.That(writer.Value("cpu.softirq"), Is.EqualTo(2).Within(1e-9));
            Assert.That(writer.Value("cpu.steal"), Is.EqualTo(2).Within(1e-9));
            Assert.That(writer.Value("cpu.guest"), Is.EqualTo(3).Within(1e-9));
            Assert.That(writer.Point("cpu.busy").IsCounter, Is.False);
            Assert.That(writer.Value("cpu.switches"), Is.EqualTo(25));
        });
    }

    [Test]
    public async Task CountersGoingBackwards_SkipThatPassAndResumeOnTheNext()
    {
        using var tree = Fixture.Copy();
        var collector = new CpuCollector(tree.Proc, perCore: false);
        tree.Write("proc/stat", "cpu  100 0 100 700 100 0 0 0 0\n");
        await RecordingWriter.CollectAsync(collector);
        tree.Write("proc/stat", "cpu  50 0 50 350 50 0 0 0 0\n");
        var afterReset = await RecordingWriter.CollectAsync(collector);
        tree.Write("proc/stat", "cpu  60 0 50 440 50 0 0 0 0\n");
        var next = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(afterReset.Has("cpu.idle"), Is.False);
            Assert.That(next.Value("cpu.idle"), Is.EqualTo(90).Within(1e-9));
        });
    }

    [Test]
    public async Task OldKernelWithFourColumns_ReportsMissingColumnsAsZero()
    {
        using var tree = Fixture.Copy();
        var collector = new CpuCollector(tree.Proc, perCore: false);
        tree.Write("proc/stat", "cpu 10 0 10 80\n");
        await RecordingWriter.CollectAsync(collector);
        tree.Write("proc/stat", "cpu 20 0 20 160\n");

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("cpu.idle"), Is.EqualTo(80).Within(1e-9));
            Assert.That(writer.Value("cpu.steal"), Is.Zero);
        });
    }

    [Test]
    public async Task PerCore_IsOffByDefault()
    {
        using var tree = Fixture.Copy("kernel-5.15");
        var collector = new CpuCollector(tree.Proc, new CollectorOptions().PerCore);
        await RecordingWriter.CollectAsync(collector);
        tree.Write("proc/stat", File.ReadAllText(Path.Combine(tree.Proc, "stat")).Replace(" 66000 ", " 66100 ", StringComparison.Ordinal));

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.That(writer.Points.Where(p => p.Metric.StartsWith("percore.", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task PerCore_TagsEveryCoreZeroPaddedSoTheNamesSort()
    {
        using var tree = Fixture.Copy("kernel-5.15");
        var collector = new CpuCollector(tree.Proc, perCore: true);
        var first = await RecordingWriter.CollectAsync(collector);
        // Every core: user +10, idle +90.
        var stat = File.ReadAllLines(Path.Combine(tree.Proc, "stat")).Select(line =>
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal) || line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return line;
            }

            var f = line.Split(' ');
            f[1] = (long.Parse(f[1]) + 10).ToString();
            f[4] = (long.Parse(f[4]) + 90).ToString();
            return string.Join(' ', f);
        });
        tree.Write("proc/stat", string.Join('\n', stat) + "\n");

        var writer = await RecordingWriter.CollectAsync(collector);

        var tags = writer.TagsOf("percore.busy").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.Has("percore.busy"), Is.False);
            Assert.That(tags, Has.Count.EqualTo(12));
            Assert.That(tags, Does.Contain("core=core00").And.Contain("core=core09").And.Contain("core=core11"));
            Assert.That(tags.OrderBy(t => t, StringComparer.Ordinal), Is.EqualTo(Enumerable.Range(0, 12).Select(i => $"core=core{i:D2}")));
            Assert.That(writer.Value("percore.busy", "core=core07"), Is.EqualTo(10).Within(1e-9));
            Assert.That(writer.Value("percore.idle", "core=core07"), Is.EqualTo(90).Within(1e-9));
            Assert.That(writer.TagsOf("percore.softirq").Count(), Is.EqualTo(12));
        });
    }

    [Test]
    public async Task MalformedLines_AreSkippedAndTheRestIsRead()
    {
        using var tree = Fixture.Copy();
        var collector = new CpuCollector(tree.Proc, perCore: true);
        tree.Write("proc/stat", "cpu  10 0 10 80\ncpu0 x y z\ncpu1 5 0 5 40\ncpu\nctxt abc\n");
        await RecordingWriter.CollectAsync(collector);
        tree.Write("proc/stat", "cpu  20 0 20 160\ncpu0 x y z\ncpu1 10 0 10 80\ncpu\nctxt abc\n");

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("cpu.idle"), Is.EqualTo(80).Within(1e-9));
            Assert.That(writer.TagsOf("percore.idle"), Is.EqualTo(new[] { "core=core01" }));
            Assert.That(writer.Has("cpu.switches"), Is.False);
        });
    }

    [Test]
    public async Task MissingFile_WritesNothing()
    {
        using var tree = Fixture.Copy();
        var writer = await RecordingWriter.CollectAsync(new CpuCollector(tree.Proc, perCore: true));

        Assert.That(writer.Points, Is.Empty);
    }
}
