using System.Security.Cryptography;
using Falcon.Cli;
using Falcon.Shared.Releases;

namespace Falcon.Tests.Cli.Release;

/// <summary>`falcon release keygen` and `falcon release sign`, as ./build.sh publish uses them.</summary>
public sealed class ReleaseCommandTests
{
    private string _directory = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"falcon-test-release-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Keygen_ThenSign_GivesASignatureThePrintedPublicKeyVerifies()
    {
        var key = Path.Combine(_directory, "release.key");
        var binary = Path.Combine(_directory, "bin_7.1.0");
        await File.WriteAllBytesAsync(binary, RandomNumberGenerator.GetBytes(100_000));

        var (keygen, printed, _) = await RunAsync("release", "keygen", "--out", key);
        var (sign, _, signError) = await RunAsync("release", "sign", "--key", key, binary);

        Assert.That((keygen, sign), Is.EqualTo((ExitCodes.Ok, ExitCodes.Ok)), signError);
        var publicLine = printed.Split('\n').Single(l => l.Contains("publicKeys:", StringComparison.Ordinal)).Split('"')[1];
        using var publicKey = ReleaseKey.ParsePublic(publicLine);
        using var publicFromFile = ReleaseKey.ParsePublic(await File.ReadAllTextAsync(key + ".pub"));
        var signature = ReleaseSignature.Parse(await File.ReadAllTextAsync(binary + ".sig"));
        var sha256 = SHA256.HashData(await File.ReadAllBytesAsync(binary));
        Assert.Multiple(() =>
        {
            Assert.That(ReleaseSignature.FindSigner([publicKey], sha256, signature), Is.SameAs(publicKey));
            Assert.That(ReleaseSignature.FindSigner([publicFromFile], sha256, signature), Is.SameAs(publicFromFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(key), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "the private key is readable by its owner only");
            }

            Assert.That(File.ReadAllText(key), Does.StartWith("-----BEGIN PRIVATE KEY-----"));
        });
    }

    [Test]
    public async Task Keygen_OverAnExistingKey_RefusesAndLeavesItAlone()
    {
        var key = Path.Combine(_directory, "release.key");
        await File.WriteAllTextAsync(key, "precious");

        var (code, _, error) = await RunAsync("release", "keygen", "--out", key);

        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error, Does.Contain("is never overwritten"));
        Assert.That(await File.ReadAllTextAsync(key), Is.EqualTo("precious"));
    }

    [Test]
    public async Task Sign_WithoutAKey_SaysHowToGiveOne()
    {
        var binary = Path.Combine(_directory, "bin_7.1.0");
        await File.WriteAllTextAsync(binary, "x");

        var (code, _, error) = await RunAsync("release", "sign", binary);

        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.Trim(), Does.Contain("give --key <path> or set FALCON_RELEASE_KEY"));
        Assert.That(File.Exists(binary + ".sig"), Is.False);
    }

    [Test]
    public async Task Sign_WithAPublicKeyInsteadOfThePrivateOne_IsRefused()
    {
        var key = Path.Combine(_directory, "release.key");
        var binary = Path.Combine(_directory, "bin_7.1.0");
        await File.WriteAllTextAsync(binary, "x");
        await RunAsync("release", "keygen", "--out", key);

        var (code, _, error) = await RunAsync("release", "sign", "--key", key + ".pub", binary);

        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error, Does.Contain("not an ECDSA P-256 private key"));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await FalconCli.InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
