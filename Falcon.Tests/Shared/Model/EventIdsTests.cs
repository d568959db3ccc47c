using Falcon.Shared.Model;

namespace Falcon.Tests.Shared.Model;

public sealed class EventIdsTests
{
    // echo -n h1/cpu.idle | md5sum
    private const string CpuIdleMd5 = "6486f3f7274df5aeedd35e1664e558ca";

    [Test]
    public void ForStrategy_FormatsSPrefixIdAndMd5()
    {
        string md5 = SeriesKey.Md5Hex("h1", "cpu.idle", TagSet.Empty);

        Assert.That(EventIds.ForStrategy(12, md5), Is.EqualTo("s_12_" + CpuIdleMd5));
    }

    [Test]
    public void ForExpression_FormatsEPrefixIdAndMd5()
    {
        string md5 = SeriesKey.Md5Hex("h1", "cpu.idle", TagSet.Empty);

        Assert.That(EventIds.ForExpression(7, md5), Is.EqualTo("e_7_" + CpuIdleMd5));
    }

    [Test]
    public void ForStrategy_WhenSeriesHasTags_UsesMd5OfPkWithSortedTags()
    {
        var tags = TagSet.Parse("zone=a,core=0");
        string md5 = SeriesKey.Md5Hex("h1", "cpu.idle", tags);

        // echo -n h1/cpu.idle/core=0,zone=a | md5sum
        Assert.That(EventIds.ForStrategy(3, md5), Is.EqualTo("s_3_69bceb71cb14ba3e5021cb41dd9129e5"));
    }
}
