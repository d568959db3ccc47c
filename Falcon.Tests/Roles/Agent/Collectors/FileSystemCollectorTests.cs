using Falcon.Roles.Agent.Collectors;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Agent.Collectors;

public class FileSystemCollectorTests
{
    [Test]
    public void MountFilter_DropsPseudoFileSystemsAndKeepsTheShortestBindMount()
    {
        var mounts = MountFilter.Parse(File.ReadAllText(Path.Combine(Fixture.PathOf("kernel-2.6.32"), "proc", "mounts")), []);

        Assert.That(mounts, Is.EqualTo(new[]
        {
            new MountEntry("/dev/sda1", "/", "ext4"),
            new MountEntry("/dev/sdb", "/d", "xfs"),
            new MountEntry("/dev/sdc", "/library", "ext4"),
            new MountEntry("/dev/sdd", "/mnt/my disk", "ext3"),
            new MountEntry("nfs.example.com:/export", "/mnt/nfs", "nfs4"),
        }));
    }

    [Test]
    public void MountFilter_OnNewKernels_DropsCgroup2TmpfsAndDevtmpfsButKeepsOverlayAndSquashfs()
    {
        var mounts = MountFilter.Parse(File.ReadAllText(Path.Combine(Fixture.PathOf("kernel-5.15"), "proc", "mounts")), []);

        Assert.That(mounts.Select(m => m.MountPoint), Is.EqualTo(new[] { "/", "/boot/efi", "/var/lib/docker/overlay2/abc/merged", "/snap/core20/1822" }));
    }

    [Test]
    public void MountFilter_WithAMountPointList_KeepsOnlyThoseMounts()
    {
        var mounts = MountFilter.Parse(File.ReadAllText(Path.Combine(Fixture.PathOf("kernel-2.6.32"), "proc", "mounts")), ["/", "/mnt/nfs", "/proc"]);

        Assert.That(mounts.Select(m => m.MountPoint), Is.EqualTo(new[] { "/", "/mnt/nfs" }));
    }

    [Test]
    public async Task Collect_SendsBytesAndInodesPerMountAndTheSums()
    {
        var stats = new FakeStats
        {
            ["/"] = new FileSystemUsage(TotalBytes: 1000, FreeBytes: 300, AvailableBytes: 200, TotalInodes: 100, FreeInodes: 75),
            ["/d"] = new FileSystemUsage(TotalBytes: 3000, FreeBytes: 3000, AvailableBytes: 3000, TotalInodes: 0, FreeInodes: 0),
            ["/library"] = new FileSystemUsage(0, 0, 0, 0, 0),
        };
        var collector = new FileSystemCollector(Fixture.Recorded("kernel-2.6.32").Proc, [], stats, TimeSpan.FromSeconds(5), TimeProvider.System);

        var writer = await RecordingWriter.CollectAsync(collector);

        const string root = "mount=/,fstype=ext4";
        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("df.bytes.total", root), Is.EqualTo(1000));
            Assert.That(writer.Value("df.bytes.used", root), Is.EqualTo(700));
            Assert.That(writer.Value("df.bytes.free", root), Is.EqualTo(200));
            Assert.That(writer.Value("df.bytes.used.percent", root), Is.EqualTo(700.0 * 100 / 900).Within(1e-9));
            Assert.That(writer.Value("df.bytes.free.percent", root), Is.EqualTo(100 - (700.0 * 100 / 900)).Within(1e-9));
            Assert.That(writer.Value("df.inodes.total", root), Is.EqualTo(100));
            Assert.That(writer.Value("df.inodes.used", root), Is.EqualTo(25));
            Assert.That(writer.Value("df.inodes.free", root), Is.EqualTo(75));
            Assert.That(writer.Value("df.inodes.used.percent", root), Is.EqualTo(25));
            Assert.That(writer.Value("df.inodes.free.percent", root), Is.EqualTo(75));
            Assert.That(writer.Value("df.bytes.used.percent", "mount=/d,fstype=xfs"), Is.Zero);
            Assert.That(writer.TagsOf("df.inodes.total"), Is.EqualTo(new[] { root }), "no inode metrics without inodes");
            Assert.That(writer.TagsOf("df.bytes.total"), Is.EqualTo(new[] { root, "mount=/d,fstype=xfs" }), "unknown and empty file systems are skipped");
            Assert.That(writer.Value("df.statistics.total"), Is.EqualTo(4000));
            Assert.That(writer.Value("df.statistics.used"), Is.EqualTo(700));
            Assert.That(writer.Value("df.statistics.used.percent"), Is.EqualTo(17.5));
            Assert.That(writer.Points.All(p => !p.IsCounter), Is.True);
        });
    }

    [Test]
    public async Task HungMount_IsSkippedAfterTheTimeoutUntilItsCallReturns()
    {
        var time = new FakeTimeProvider();
        using var release = new ManualResetEventSlim();
        var stats = new FakeStats
        {
            ["/"] = new FileSystemUsage(1000, 500, 500, 0, 0),
            ["/mnt/nfs"] = new FileSystemUsage(2000, 1000, 1000, 0, 0),
        };
        stats.Block("/mnt/nfs", release);
        var collector = new FileSystemCollector(Fixture.Recorded("kernel-2.6.32").Proc, ["/", "/mnt/nfs"], stats, TimeSpan.FromSeconds(5), time);

        var pass = collector.CollectAsync(new RecordingWriter(), CancellationToken.None).AsTask();
        await Poll.UntilAsync(() => Task.FromResult(stats.Calls("/mnt/nfs") == 1), what: "statvfs of the NFS mount started");
        time.Advance(TimeSpan.FromSeconds(5));
        await pass;
        var whileHung = await RecordingWriter.CollectAsync(collector);
        release.Set();
        await Poll.UntilAsync(() => Task.FromResult(stats.Returned("/mnt/nfs")), what: "hung call returned");
        var afterwards = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(whileHung.TagsOf("df.bytes.total"), Is.EqualTo(new[] { "mount=/,fstype=ext4" }));
            Assert.That(stats.Calls("/mnt/nfs"), Is.EqualTo(2), "not called again while hung");
            Assert.That(afterwards.TagsOf("df.bytes.total"), Is.EqualTo(new[] { "mount=/,fstype=ext4", "mount=/mnt/nfs,fstype=nfs4" }));
        });
    }

    private sealed class FakeStats : Dictionary<string, FileSystemUsage>, IFileSystemStats
    {
        private readonly Dictionary<string, ManualResetEventSlim> _blocked = [];
        private readonly Dictionary<string, int> _calls = [];
        private readonly HashSet<string> _returned = [];

        public void Block(string mount, ManualResetEventSlim release) => _blocked[mount] = release;

        public int Calls(string mount)
        {
            lock (_calls)
            {
                return _calls.GetValueOrDefault(mount);
            }
        }

        public bool Returned(string mount)
        {
            lock (_calls)
            {
                return _returned.Contains(mount);
            }
        }

        public bool TryGet(string mountPoint, out FileSystemUsage usage)
        {
            lock (_calls)
            {
                _calls[mountPoint] = _calls.GetValueOrDefault(mountPoint) + 1;
            }

            if (_blocked.Remove(mountPoint, out var release))
            {
                release.Wait();
                lock (_calls)
                {
                    _returned.Add(mountPoint);
                }
            }

            return TryGetValue(mountPoint, out usage);
        }
    }
}
