using Falcon.Shared.Tsdb;

namespace Falcon.Tests.Shared.Tsdb;

public sealed class RemoteWriteClientTests
{
    [TestCase(1, 50, 100)]
    [TestCase(2, 100, 200)]
    [TestCase(5, 800, 1600)]
    [TestCase(20, 15_000, 30_000)]
    [TestCase(1000, 15_000, 30_000)]
    public void RetryDelay_GrowsExponentiallyWithJitter_AndIsCapped(int attempt, int minimumMs, int maximumMs)
    {
        for (int i = 0; i < 200; i++)
        {
            var delay = RemoteWriteClient.RetryDelay(attempt);

            Assert.That(delay.TotalMilliseconds, Is.InRange(minimumMs, maximumMs));
        }
    }

    [Test]
    public void RetryDelay_RejectsAttemptZero() =>
        Assert.That(() => RemoteWriteClient.RetryDelay(0), Throws.TypeOf<ArgumentOutOfRangeException>());
}
