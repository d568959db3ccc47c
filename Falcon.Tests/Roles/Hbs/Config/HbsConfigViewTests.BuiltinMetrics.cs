using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Falcon.Tests.Roles.Hbs.Config;

public sealed partial class HbsConfigViewTests
{
    private const long Now = 1_714_560_000;

    [Test]
    public void GetBuiltinMetrics_CollectsFromBoundTemplatesAndEveryAncestor_SortedWithGosChecksum()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1)
            .Template(100, "root").Template(101, "middle", parentId: 100).Template(102, "leaf", parentId: 101).Bind(10, 102)
            .Strategy(1000, 100, "proc.num", "name=nginx").Strategy(1001, 101, "net.port.listen", "port=22")
            .Strategy(1002, 102, "url.check.health", "url=http://x/health,timeout=3").Strategy(1003, 102, "cpu.idle")
            .Strategy(1004, 102, "du.bs", "path=/data", runBegin: "01:00", runEnd: "01:01")
            .View();

        var response = view.GetBuiltinMetrics("h1", "nil", Now);

        string[] expected = ["du.bs/path=/data", "net.port.listen/port=22", "proc.num/name=nginx", "url.check.health/url=http://x/health,timeout=3"];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Metrics.Select(m => m.Metric + "/" + m.Tags), Is.EqualTo(expected));
            Assert.That(response.Checksum, Is.EqualTo(Md5Hex(string.Concat(expected))));
            Assert.That(response.Timestamp, Is.EqualTo(Now));
        }
    }

    [Test]
    public void GetBuiltinMetrics_DeduplicatesOnMetricAndTags()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "a", 1).Group(11, "b", 1).Template(100, "x").Template(101, "y").Bind(10, 100).Bind(11, 101, 100)
            .Strategy(1000, 100, "net.port.listen", "port=22").Strategy(1001, 101, "net.port.listen", "port=22")
            .Strategy(1002, 101, "net.port.listen", "port=80")
            .View();

        var response = view.GetBuiltinMetrics("h1", "", Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Metrics.Select(m => m.Tags), Is.EqualTo(new[] { "port=22", "port=80" }));
            Assert.That(response.Checksum, Is.EqualTo(Md5Hex("net.port.listen/port=22net.port.listen/port=80")));
        }
    }

    [Test]
    public void GetBuiltinMetrics_WhenTheAgentHasTheChecksum_SendsNoMetrics()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1).Template(100, "t").Bind(10, 100).Strategy(1000, 100, "proc.num", "name=sshd")
            .View();
        var checksum = Md5Hex("proc.num/name=sshd");

        var response = view.GetBuiltinMetrics("h1", checksum, Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Metrics, Is.Empty);
            Assert.That(response.Checksum, Is.EqualTo(checksum));
            Assert.That(response.Timestamp, Is.EqualTo(Now));
        }
    }

    [TestCase("nil")]
    [TestCase("")]
    public void GetBuiltinMetrics_WithoutAny_ChecksumIsEmpty(string agentChecksum)
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1).Template(100, "t").Bind(10, 100).Strategy(1000, 100, "cpu.idle")
            .View();

        var response = view.GetBuiltinMetrics("h1", agentChecksum, Now);

        Assert.That((response.Metrics.Count, response.Checksum, response.Timestamp), Is.EqualTo((0, "", Now)));
    }

    [Test]
    public void GetBuiltinMetrics_UnknownHost_GetsNone()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1).Template(100, "t").Bind(10, 100).Strategy(1000, 100, "proc.num", "name=sshd")
            .View();

        var response = view.GetBuiltinMetrics("stranger", "nil", Now);

        Assert.That((response.Metrics.Count, response.Checksum, response.Timestamp), Is.EqualTo((0, "", Now)));
    }

    [Test]
    public void GetBuiltinMetrics_EmptyHostname_GetsGosZeroReply()
    {
        var view = new PortalSnapshotBuilder().View();

        var response = view.GetBuiltinMetrics("", "nil", Now);

        Assert.That((response.Metrics.Count, response.Checksum, response.Timestamp), Is.EqualTo((0, "", 0L)));
    }

    [Test]
    public void GetBuiltinMetrics_CountsABoundTemplateEvenWithoutItsRow_AsGosQueryOnTplIdDoes()
    {
        var view = new PortalSnapshotBuilder()
            .Host(1, "h1").Group(10, "g", 1).Bind(10, 100).Strategy(1000, 100, "du.bs", "path=/home")
            .View();

        Assert.That(view.GetBuiltinMetrics("h1", "nil", Now).Metrics.Select(m => m.Tags), Is.EqualTo(new[] { "path=/home" }));
    }

    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "open-falcon's checksum is md5; the test computes it independently.")]
    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
