using System.Net;
using System.Security.Cryptography;
using Falcon.Cli;
using Falcon.Shared.Releases;
using Falcon.Tests.Integration.Servers;
using FalconPublish = Falcon.Tests.Integration.Roles.Agent.Upgrade.FalconPublish;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>
/// `falcon upgrade push --version 7.1` as operators type it: the URL from hbs.upgrade.downloadUrl, the sums and the
/// signature from a real nginx serving a directory laid out as `./build.sh publish` writes it.
/// </summary>
[Category("Integration")]
public sealed class UpgradePushFromDownloadServerTests
{
    private static NginxServer _nginx = null!;

    [OneTimeSetUp]
    public static async Task StartNginxAsync() => _nginx = await NginxServer.StartAsync();

    [OneTimeTearDown]
    public static async Task StopNginxAsync() => await _nginx.DisposeAsync();

    [Test]
    public async Task Push_WithOnlyAVersion_FindsTheOtherSpellingAndPushesItsSumsAndSignature()
    {
        var minor = Random.Shared.Next(100, 1_000_000);
        var version = $"7.{minor}";
        var (md5, sha256, signature) = Publish($"{version}.0", signed: true);
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        var hbs = harness.CreateCoordinator();
        await using var server = await UpgradeHttpServer.StartAsync(hbs, IPAddress.Loopback);

        var push = await RunAsync("upgrade", "push", "--version", version,
            "--set", $"hbs.httpListen=0.0.0.0:{server.Address.Port}", "--set", $"hbs.upgrade.downloadUrl={_nginx.BaseAddress}");
        var args = await hbs.GetArgsAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(push.Code, Is.EqualTo(ExitCodes.Ok), push.Error);
            Assert.That(push.Output, Does.Contain($"bin_{version}.0: signed"));
            Assert.That((args.Version, args.BinFile, args.BinFileMd5, args.BinFileSha256, args.BinFileSig), Is.EqualTo((version, $"bin_{version}.0", md5, sha256, signature)));
            Assert.That(args.WgetUrl, Is.EqualTo(_nginx.BaseAddress.ToString().TrimEnd('/')));
        });
    }

    [Test]
    public async Task Push_OfAnUnsignedRelease_PushesTheSumsAndSaysItIsUnsigned()
    {
        var version = $"7.1.{Random.Shared.Next(1, 1_000_000)}";
        var (md5, sha256, _) = Publish(version, signed: false);
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        var hbs = harness.CreateCoordinator();
        await using var server = await UpgradeHttpServer.StartAsync(hbs, IPAddress.Loopback);

        var push = await RunAsync("upgrade", "push", "--version", version, "--url", _nginx.BaseAddress.ToString(), "--hbs", $"127.0.0.1:{server.Address.Port}");
        var args = await hbs.GetArgsAsync(CancellationToken.None);

        Assert.That(push.Code, Is.EqualTo(ExitCodes.Ok), push.Error);
        Assert.That(push.Output, Does.Contain("unsigned (agents with agent.upgrade.publicKeys will refuse it)"));
        Assert.That((args.BinFile, args.BinFileMd5, args.BinFileSha256, args.BinFileSig), Is.EqualTo(($"bin_{version}", md5, sha256, (string?)null)));
    }

    [Test]
    public async Task Push_AgainstWhatBuildShPublishWrote_PushesItsSumsAndTheSignatureOfTheReleaseKey()
    {
        // A real `FALCON_RELEASE_KEY=... ./build.sh publish` (cached): nginx serves its bin_7.0.1, .md5, .sha256, .sig.
        const string version = "7.0.1";
        var dist = await FalconPublish.GetAsync(version);
        foreach (var suffix in new[] { "", ".md5", ".sha256", ".sig" })
        {
            File.Copy(Path.Combine(dist, $"bin_{version}{suffix}"), Path.Combine(_nginx.Root, $"bin_{version}{suffix}"), overwrite: true);
        }

        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        var hbs = harness.CreateCoordinator();
        await using var server = await UpgradeHttpServer.StartAsync(hbs, IPAddress.Loopback);

        var push = await RunAsync("upgrade", "push", "--version", version, "--url", _nginx.BaseAddress.ToString(), "--hbs", $"127.0.0.1:{server.Address.Port}");
        var args = await hbs.GetArgsAsync(CancellationToken.None);

        var binary = await File.ReadAllBytesAsync(Path.Combine(dist, $"bin_{version}"));
        using var releaseKey = ReleaseKey.ParsePublic(await File.ReadAllTextAsync(Path.Combine(dist, FalconPublish.PublicKeyFile)));
#pragma warning disable CA5351 // the fork's checksum
        var md5 = Convert.ToHexStringLower(MD5.HashData(binary));
#pragma warning restore CA5351
        Assert.Multiple(() =>
        {
            Assert.That(push.Code, Is.EqualTo(ExitCodes.Ok), push.Error);
            Assert.That(push.Output, Does.Contain($"bin_{version}: signed"));
            Assert.That((args.Version, args.BinFile, args.BinFileMd5, args.BinFileSha256), Is.EqualTo((version, $"bin_{version}", md5, Convert.ToHexStringLower(SHA256.HashData(binary)))));
            Assert.That(args.BinFileSig, Is.Not.Null.And.Not.Empty);
            Assert.That(ReleaseSignature.FindSigner([releaseKey], SHA256.HashData(binary), ReleaseSignature.Parse(args.BinFileSig!)), Is.Not.Null, "the task carries build.sh's signature of exactly that binary");
        });
    }

    [Test]
    public async Task Push_OfAVersionNotOnTheServer_FailsNamingBothSpellingsAndPushesNothing()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        var hbs = harness.CreateCoordinator();
        await using var server = await UpgradeHttpServer.StartAsync(hbs, IPAddress.Loopback);

        var push = await RunAsync("upgrade", "push", "--version", "7.99", "--url", _nginx.BaseAddress.ToString(), "--hbs", $"127.0.0.1:{server.Address.Port}");

        Assert.That(push.Code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(push.Error.Trim(), Does.Contain("bin_7.99 answered 404").And.Contain("bin_7.99.0 answered 404"));
        Assert.That((await hbs.GetArgsAsync(CancellationToken.None)).Version, Is.Empty);
    }

    [Test]
    public async Task Push_WithoutAnyDownloadUrl_IsOneUsageLine()
    {
        var push = await RunAsync("upgrade", "push", "--version", "7.1", "--hbs", "127.0.0.1:1");

        Assert.That(push.Code, Is.EqualTo(ExitCodes.Usage), push.Error);
        Assert.That(push.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(push.Error, Does.Contain("no download URL: give --url"));
    }

    [Test]
    public async Task AMissingRequiredOption_IsOneLineWithAHint_AndExit2()
    {
        var push = await RunAsync("upgrade", "push", "--url", "http://dl/falcon");

        Assert.That(push.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(push.Error.Trim(), Is.EqualTo("falcon upgrade push: Option '--version' is required (see falcon upgrade push --help)"));
        Assert.That(push.Output, Is.Empty, "no help dump");
    }

    // As ./build.sh publish lays out a release: the binary, md5sum and sha256sum lines, and the signature.
    private static (string Md5, string Sha256, string? Signature) Publish(string version, bool signed)
    {
        var bytes = RandomNumberGenerator.GetBytes(4096);
        var file = Path.Combine(_nginx.Root, $"bin_{version}");
        File.WriteAllBytes(file, bytes);
#pragma warning disable CA5351 // the fork's checksum
        var md5 = Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        File.WriteAllText(file + ".md5", $"{md5}  bin_{version}\n");
        File.WriteAllText(file + ".sha256", $"{sha256}  bin_{version}\n");
        if (!signed)
        {
            return (md5, sha256, null);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = ReleaseSignature.Sign(key, new MemoryStream(bytes));
        File.WriteAllText(file + ".sig", signature);
        return (md5, sha256, signature.Trim());
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await FalconCli.InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
