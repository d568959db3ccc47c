using Falcon.Roles.Agent.Upgrade;
using Falcon.Shared.Model.Agents;

namespace Falcon.Tests.Roles.Agent.Upgrade;

public sealed class ChecksumCheckTests
{
    private static readonly DownloadedBinary Download = new("/tmp/x", 10, 10, UpgradeDirectory.Sha256("new"), UpgradeDirectory.Md5("new"));

    [Test]
    public void Verify_WithAMatchingSha256_Passes()
    {
        Assert.DoesNotThrow(() => ChecksumCheck.Verify(new AgentUpgradeArgs { BinFileSha256 = Download.Sha256.ToUpperInvariant() }, Download));
    }

    [Test]
    public void Verify_PrefersSha256_SoAMatchingMd5DoesNotSaveAWrongSha256()
    {
        var args = new AgentUpgradeArgs { BinFileSha256 = UpgradeDirectory.Sha256("old"), BinFileMd5 = Download.Md5 };

        var error = Assert.Throws<UpgradeException>(() => ChecksumCheck.Verify(args, Download));

        Assert.That(error.Message, Does.StartWith("sha256 of the download is"));
    }

    [Test]
    public void Verify_WithOnlyMd5_UsesIt()
    {
        Assert.DoesNotThrow(() => ChecksumCheck.Verify(new AgentUpgradeArgs { BinFileMd5 = Download.Md5 }, Download));
        Assert.Throws<UpgradeException>(() => ChecksumCheck.Verify(new AgentUpgradeArgs { BinFileMd5 = UpgradeDirectory.Md5("old") }, Download));
    }

    [Test]
    public void Verify_WithNoChecksumAtAll_Refuses()
    {
        var error = Assert.Throws<UpgradeException>(() => ChecksumCheck.Verify(new AgentUpgradeArgs(), Download));

        Assert.That(error.Message, Does.Contain("neither binfile_sha256 nor binfile_md5"));
    }
}
