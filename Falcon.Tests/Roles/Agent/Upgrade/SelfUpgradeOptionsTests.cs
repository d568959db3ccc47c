using Falcon.Roles.Agent.Upgrade;

namespace Falcon.Tests.Roles.Agent.Upgrade;

public sealed class SelfUpgradeOptionsTests
{
    [Test]
    public void Validator_AcceptsTheDefaults()
    {
        Assert.That(new SelfUpgradeOptionsValidator().Validate(null, new SelfUpgradeOptions()).Succeeded, Is.True);
    }

    [Test]
    public void Validator_RefusesAPatternWithoutTheVersion()
    {
        var result = new SelfUpgradeOptionsValidator().Validate(null, new SelfUpgradeOptions { UrlPattern = "{wgeturl}/falcon" });

        Assert.That(result.FailureMessage, Does.Contain("agent.upgrade.urlPattern must contain {binfile} or {version}"));
    }

    [Test]
    public void Validator_RefusesZeroWatchdogStarts()
    {
        var result = new SelfUpgradeOptionsValidator().Validate(null, new SelfUpgradeOptions { WatchdogStarts = 0 });

        Assert.That(result.FailureMessage, Does.Contain("agent.upgrade.watchdogStarts"));
    }

    [Test]
    public void Validator_AcceptsReleaseKeysAsOneLineOrPem()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var options = new SelfUpgradeOptions { PublicKeys = [Falcon.Shared.Releases.ReleaseKey.PublicLine(key), key.ExportSubjectPublicKeyInfoPem()] };

        Assert.That(new SelfUpgradeOptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void Validator_RefusesAKeyThatIsNotAP256PublicKey_NamingWhichOne()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        var options = new SelfUpgradeOptions { PublicKeys = ["MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE", Falcon.Shared.Releases.ReleaseKey.PublicLine(key)] };

        var result = new SelfUpgradeOptionsValidator().Validate(null, options);

        Assert.That(result.FailureMessage, Does.Contain("agent.upgrade.publicKeys[0] is not an ECDSA P-256 public key"));
    }
}
