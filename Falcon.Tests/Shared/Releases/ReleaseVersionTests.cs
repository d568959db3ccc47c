using Falcon.Shared.Releases;

namespace Falcon.Tests.Shared.Releases;

public sealed class ReleaseVersionTests
{
    [TestCase("7.1.0", "7.1.0", 0)]
    [TestCase("7.1", "7.1.0", 0)]
    [TestCase("v7.1.0", "7.1.0", 0)]
    [TestCase("7.1.0@3f2a9c1", "7.1.0", 0)]
    [TestCase("5.1.2@abc", "5.1.10", -1)]
    [TestCase("7.10.0", "7.9.9", 1)]
    [TestCase("6.1.0", "7.0.0", -1)]
    [TestCase("7.1.0-rc1", "7.1.0", -1)]
    [TestCase("7.1.0-rc2", "7.1.0-rc1", 1)]
    [TestCase("", "7.1.0", -1)]
    [TestCase("7.1.0.1", "7.1.0", 1)]
    public void Compare_OrdersDottedNumericVersions(string left, string right, int expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Math.Sign(ReleaseVersion.Compare(left, right)), Is.EqualTo(expected));
            Assert.That(Math.Sign(ReleaseVersion.Compare(right, left)), Is.EqualTo(-expected));
        });
    }

    [TestCase("5.1.2@3f2a9c", "5.1.2")]
    [TestCase(" v7.1 ", "7.1")]
    [TestCase("vendor", "vendor")]
    [TestCase(null, "")]
    public void Normalize_StripsGitCommitAndLeadingV(string? version, string expected) =>
        Assert.That(ReleaseVersion.Normalize(version), Is.EqualTo(expected));
}
