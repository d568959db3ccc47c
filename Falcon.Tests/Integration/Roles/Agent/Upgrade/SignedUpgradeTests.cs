using System.Security.Cryptography;
using System.Text;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Releases;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Roles.Agent.Upgrade;

namespace Falcon.Tests.Integration.Roles.Agent.Upgrade;

/// <summary>
/// Release signatures against a real nginx: with keys configured, a download runs only when one of them signed it,
/// and a refused file is never executed, not even for its version check. The "binaries" are shell scripts that
/// leave a marker file whenever they run at all.
/// </summary>
[Category("Integration")]
public sealed class SignedUpgradeTests
{
    private static NginxServer _nginx = null!;
    private static ECDsa _releaseKey = null!;
    private static ECDsa _otherKey = null!;
    private string _ranMarker = null!;

    [OneTimeSetUp]
    public static async Task StartNginxAsync()
    {
        _nginx = await NginxServer.StartAsync();
        _releaseKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    }

    [OneTimeTearDown]
    public static async Task StopNginxAsync()
    {
        await _nginx.DisposeAsync();
        _releaseKey.Dispose();
        _otherKey.Dispose();
    }

    [SetUp]
    public void NewMarker() => _ranMarker = Path.Combine(Path.GetTempPath(), $"falcon-test-ran-{Guid.NewGuid():N}");

    [TearDown]
    public void RemoveMarker() => File.Delete(_ranMarker);

    [Test]
    public async Task Upgrade_SignedWithTheReleaseKey_SigBesideTheBinary_Upgrades()
    {
        var (version, script) = Publish(signWith: _releaseKey);
        using var harness = Harness(_releaseKey);

        await harness.CommandAsync(Command(version, script));

        Assert.That(harness.Directory.BinaryText, Is.EqualTo(script), "the signed binary is in place");
        Assert.That(harness.Restart.Count, Is.EqualTo(1));
        Assert.That(File.Exists(_ranMarker), Is.True, "it ran for its version check, after the signature was verified");
    }

    [Test]
    public async Task Upgrade_SignedWithTheNewKeyDuringARotation_Upgrades()
    {
        var (version, script) = Publish(signWith: _otherKey);
        using var harness = Harness(_releaseKey, _otherKey);

        await harness.CommandAsync(Command(version, script));

        Assert.That(harness.Directory.BinaryText, Is.EqualTo(script));
    }

    [Test]
    public async Task Upgrade_WithTheSignatureInTheCommand_NeedsNoSigFile()
    {
        var (version, script) = Publish(signWith: null);
        using var harness = Harness(_releaseKey);
        var command = Command(version, script);
        command.BinFileSig = Sign(_releaseKey, script).Trim();

        await harness.CommandAsync(command);

        Assert.That(harness.Directory.BinaryText, Is.EqualTo(script));
    }

    [Test]
    public async Task Upgrade_Unsigned_IsRefusedWithoutRunningTheFile()
    {
        var (version, script) = Publish(signWith: null);
        using var harness = Harness(_releaseKey);

        await harness.CommandAsync(Command(version, script));

        AssertRefusedUnrun(harness, $"bin_{version}.sig answered 404");
    }

    [Test]
    public async Task Upgrade_SignedByAnotherKey_IsRefusedWithoutRunningTheFile()
    {
        var (version, script) = Publish(signWith: _otherKey);
        using var harness = Harness(_releaseKey);

        await harness.CommandAsync(Command(version, script));

        AssertRefusedUnrun(harness, "does not match the download with any of the 1 key(s)");
    }

    [Test]
    public async Task Upgrade_WithAValidSignatureOfAnotherFile_IsRefusedWithoutRunningTheFile()
    {
        var (version, script) = Publish(signWith: null);
        File.WriteAllText(Path.Combine(_nginx.Root, $"bin_{version}.sig"), Sign(_releaseKey, script + "# another build\n"));
        using var harness = Harness(_releaseKey);

        await harness.CommandAsync(Command(version, script));

        AssertRefusedUnrun(harness, "does not match the download");
    }

    [Test]
    public async Task Upgrade_ForkStyleMd5Only_WithAKeyConfigured_IsRefused_AndWithoutAKey_Works()
    {
        var (version, script) = Publish(signWith: null);
        var fork = new AgentUpgradeArgs { Type = 0, WgetUrl = _nginx.BaseAddress.ToString(), Version = version, BinFileMd5 = UpgradeDirectory.Md5(script) };

        using (var signed = Harness(_releaseKey))
        {
            await signed.CommandAsync(fork);
            AssertRefusedUnrun(signed, "answered 404");
        }

        using var unsigned = Harness();
        await unsigned.CommandAsync(fork);
        Assert.That(unsigned.Directory.BinaryText, Is.EqualTo(script), "an agent with no key follows the fork's md5-only task as before");
    }

    private void AssertRefusedUnrun(UpgraderHarness harness, string reason)
    {
        harness.AssertOldBinaryUntouched();
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(_ranMarker), Is.False, "the refused file never ran");
            Assert.That(harness.Upgrader.LastOutcome?.Result, Is.EqualTo(AgentUpgradeOutcome.Failed));
            Assert.That(harness.Upgrader.LastOutcome?.Reason, Does.StartWith("signature check failed").And.Contain(reason));
        });
    }

    private (string Version, string Script) Publish(ECDsa? signWith)
    {
        var version = $"7.2.{Random.Shared.Next(1_000_000)}";
        // Runs as anything at all (the version check included) and leaves the marker behind.
        var script = $"#!/bin/sh\ntouch '{_ranMarker}'\nif [ \"$1\" = version ]; then echo {version}; exit 0; fi\nexit 0\n";
        UpgradeDirectory.WriteGzip(Path.Combine(_nginx.Root, $"bin_{version}.gz"), script);
        if (signWith is not null)
        {
            File.WriteAllText(Path.Combine(_nginx.Root, $"bin_{version}.sig"), Sign(signWith, script));
        }

        return (version, script);
    }

    private static string Sign(ECDsa key, string script) => ReleaseSignature.Sign(key, new MemoryStream(Encoding.UTF8.GetBytes(script)));

    private static UpgraderHarness Harness(params ECDsa[] keys) =>
        new(configure: o => o.PublicKeys = [.. keys.Select(ReleaseKey.PublicLine)]);

    private static AgentUpgradeArgs Command(string version, string script) => new()
    {
        Type = 0,
        WgetUrl = _nginx.BaseAddress.ToString(),
        Version = version,
        BinFileSha256 = UpgradeDirectory.Sha256(script),
    };
}
