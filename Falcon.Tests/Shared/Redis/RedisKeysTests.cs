using Falcon.Shared.Redis;

namespace Falcon.Tests.Shared.Redis;

public sealed class RedisKeysTests
{
    [Test]
    public void Companion_WrapsTheOpenFalconKeyAsHashTag()
    {
        Assert.That(RedisKeys.Companion("event:p0", "inflight", "host-a"), Is.EqualTo("{event:p0}:inflight:host-a"));
    }

    [Test]
    public void Companion_HashesLikeItsBaseKey()
    {
        var companion = RedisKeys.Companion("event:p3", "dead");

        Assert.That(RedisKeys.HashTag(companion), Is.EqualTo(RedisKeys.HashTag("event:p3")));
    }

    [TestCase("plain", "plain")]
    [TestCase("{a}b", "a")]
    [TestCase("x{}y{z}", "x{}y{z}")]
    [TestCase("x{y}{z}", "y")]
    public void HashTag_FollowsRedisClusterRules(string key, string expected)
    {
        Assert.That(RedisKeys.HashTag(key), Is.EqualTo(expected));
    }

    [Test]
    public void Companion_WithoutBaseKey_Throws()
    {
        Assert.That(() => RedisKeys.Companion(string.Empty), Throws.ArgumentException);
    }
}
