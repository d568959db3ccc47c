using Falcon.Roles.Hbs.Upgrade;

namespace Falcon.Tests.Roles.Hbs.Upgrade;

public sealed class UpgradeTaskValidatorTests
{
    private const string Md5 = "0123456789abcdef0123456789abcdef";
    private static readonly string Sha256 = new('c', 64);

    [Test]
    public void Validate_AcceptsTheForksBinaryTask() =>
        Assert.That(UpgradeTaskValidator.Validate(Request(0, binMd5: Md5)), Is.Null);

    [Test]
    public void Validate_AcceptsASha256InsteadOfAnMd5() =>
        Assert.That(UpgradeTaskValidator.Validate(Request(0, binSha256: Sha256)), Is.Null);

    [Test]
    public void Validate_Type2_NeedsBothFiles()
    {
        Assert.Multiple(() =>
        {
            Assert.That(UpgradeTaskValidator.Validate(Request(2, binMd5: Md5)), Does.StartWith("cfgfile_md5 (or cfgfile_sha256) is required for type 2"));
            Assert.That(UpgradeTaskValidator.Validate(Request(2, cfgMd5: Md5)), Does.StartWith("binfile_md5 (or binfile_sha256) is required for type 2"));
            Assert.That(UpgradeTaskValidator.Validate(Request(2, binMd5: Md5, cfgMd5: Md5)), Is.Null);
        });
    }

    [TestCase("bin_7.1", null, null)]
    [TestCase("../bin_7.1", null, "binfile must be a plain file name")]
    [TestCase(".bin_7.1", null, "binfile must be a plain file name")]
    [TestCase(null, "MEUCIQDx", null)]
    [TestCase(null, "not base64!", "binfile_sig: a signature is one line of base64")]
    public void Validate_ChecksTheFileNameAndSignature(string? binFile, string? signature, string? problem)
    {
        var request = Request(0, binMd5: Md5);
        request.BinFile = binFile;
        request.BinFileSig = signature;

        var result = UpgradeTaskValidator.Validate(request);

        Assert.That(result, problem is null ? Is.Null : Does.StartWith(problem));
    }

    [Test]
    public void Validate_RejectsAnUnknownType() =>
        Assert.That(UpgradeTaskValidator.Validate(Request(3, binMd5: Md5)), Does.StartWith("type must be 0"));

    [Test]
    public void Validate_RejectsAShortSha256() =>
        Assert.That(UpgradeTaskValidator.Validate(Request(0, binMd5: Md5, binSha256: "abc")), Does.StartWith("binfile_sha256 must be 64 hex digits"));

    [TestCase("7.1.0/../../etc")]
    [TestCase("7.1 0")]
    public void Validate_RejectsVersionsThatWouldBreakTheDownloadUrl(string version)
    {
        var request = Request(0, binMd5: Md5);
        request.Version = version;
        Assert.That(UpgradeTaskValidator.Validate(request), Does.StartWith("version may hold only"));
    }

    [Test]
    public void Validate_RejectsACanaryListWithAPercentage()
    {
        var request = Request(0, binMd5: Md5);
        request.Canary = ["a"];
        request.CanaryPercent = 5;
        Assert.That(UpgradeTaskValidator.Validate(request), Does.StartWith("canary and canaryPercent exclude each other"));
    }

    [TestCase(-1)]
    [TestCase(101)]
    public void Validate_RejectsAPercentageOutOfRange(double percent)
    {
        var request = Request(0, binMd5: Md5);
        request.CanaryPercent = percent;
        Assert.That(UpgradeTaskValidator.Validate(request), Does.StartWith("canaryPercent must be between 0 and 100"));
    }

    private static UpgradeTaskRequest Request(int type, string? binMd5 = null, string? binSha256 = null, string? cfgMd5 = null) => new()
    {
        Type = type,
        WgetUrl = "https://dl.example.com/falcon",
        Version = "7.1.0",
        BinFileMd5 = binMd5,
        BinFileSha256 = binSha256,
        CfgFileMd5 = cfgMd5,
    };
}
