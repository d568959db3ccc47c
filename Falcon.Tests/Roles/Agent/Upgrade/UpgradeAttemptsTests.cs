using Falcon.Roles.Agent.Upgrade;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Agent.Upgrade;

public sealed class UpgradeAttemptsTests
{
    [Test]
    public void RecordFailure_DoublesTheWaitPerFailureUpToAnHour()
    {
        var time = new FakeTimeProvider();
        var attempts = new UpgradeAttempts(Options.Create(new SelfUpgradeOptions { RetryDelay = TimeSpan.FromMinutes(5) }), time);

        var waits = Enumerable.Range(0, 6).Select(_ => attempts.RecordFailure("7.1", "failed", "test") - time.GetUtcNow()).ToArray();

        Assert.That(waits.Select(w => w.TotalMinutes), Is.EqualTo(new double[] { 5, 10, 20, 40, 60, 60 }));
        Assert.That(attempts.RetryAt("7.2"), Is.EqualTo(DateTimeOffset.MinValue), "other versions are not held off");
    }
}
