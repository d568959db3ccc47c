using System.Security.Cryptography;
using System.Text;
using Falcon.Shared.Model;

namespace Falcon.Tests.Shared.Model;

public sealed class SeriesKeyTests
{
    [Test]
    public void Of_WhenNoTags_IsEndpointSlashMetricWithoutTrailingSlash()
    {
        Assert.That(SeriesKey.Of("h1", "cpu.idle", TagSet.Empty), Is.EqualTo("h1/cpu.idle"));
    }

    [Test]
    public void Of_WhenTags_AppendsSortedTags()
    {
        var tags = TagSet.Parse("mount=/home,fstype=ext4");

        Assert.That(SeriesKey.Of("h1", "df.bytes.free", tags), Is.EqualTo("h1/df.bytes.free/fstype=ext4,mount=/home"));
    }

    [Test]
    public void Counter_WhenNoTags_IsMetric()
    {
        Assert.That(SeriesKey.Counter("cpu.idle", TagSet.Empty), Is.EqualTo("cpu.idle"));
    }

    [Test]
    public void Counter_WhenTags_IsMetricSlashSortedTags()
    {
        var tags = TagSet.Parse("iface=eth0,b=1");

        Assert.That(SeriesKey.Counter("net.if.in.bytes", tags), Is.EqualTo("net.if.in.bytes/b=1,iface=eth0"));
    }

    [Test]
    public void Md5Hex_OfKnownPk_MatchesMd5sum()
    {
        // echo -n h1/cpu.idle | md5sum
        Assert.That(SeriesKey.Md5Hex("h1/cpu.idle"), Is.EqualTo("6486f3f7274df5aeedd35e1664e558ca"));
    }

    [Test]
    public void Md5Hex_OfParts_MatchesLowercaseMd5OfPkString()
    {
        var tags = TagSet.Parse("zone=a,core=0");

        Assert.Multiple(() =>
        {
            Assert.That(SeriesKey.Md5Hex("h1", "cpu.idle", tags), Is.EqualTo(ReferenceMd5Hex("h1/cpu.idle/core=0,zone=a")));
            Assert.That(SeriesKey.Md5Hex("h1", "cpu.idle", TagSet.Empty), Is.EqualTo(ReferenceMd5Hex("h1/cpu.idle")));
        });
    }

    [Test]
    public void Md5Hex_OfParts_EqualsMd5HexOfPk()
    {
        var tags = TagSet.Parse("srv=tv,idc=bj");
        string pk = SeriesKey.Of("host-01", "qps", tags);

        Assert.That(SeriesKey.Md5Hex("host-01", "qps", tags), Is.EqualTo(SeriesKey.Md5Hex(pk)));
    }

    [Test]
    public void Md5Hex_WhenNonAsciiText_HashesUtf8()
    {
        var tags = TagSet.Parse("机房=北京");

        Assert.That(SeriesKey.Md5Hex("主机", "cpu.idle", tags), Is.EqualTo(ReferenceMd5Hex("主机/cpu.idle/机房=北京")));
    }

    [Test]
    public void Md5Hex_WhenPkLongerThanStackBuffer_MatchesReference()
    {
        string metric = new('m', 600);
        var tags = TagSet.Parse("k=" + new string('v', 400));

        Assert.That(SeriesKey.Md5Hex("h1", metric, tags), Is.EqualTo(ReferenceMd5Hex(SeriesKey.Of("h1", metric, tags))));
    }

    [Test]
    public void Md5Hex_IsLowercaseHex()
    {
        Assert.That(SeriesKey.Md5Hex("any/key"), Does.Match("^[0-9a-f]{32}$"));
    }

#pragma warning disable CA5351 // md5 is the wire format under test.
    private static string ReferenceMd5Hex(string text) =>
        Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
#pragma warning restore CA5351
}
