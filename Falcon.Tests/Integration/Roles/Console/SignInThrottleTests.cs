using Falcon.Roles.Console;
using Falcon.Roles.Console.Auth;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Roles.Console;

/// <summary>
/// The sign-in throttle on a fake clock over real Redis (where it keeps the failures so every console instance
/// agrees): a sliding window per user name and per client address.
/// </summary>
[Category("Integration")]
public sealed class SignInThrottleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private RedisConnection _redis = null!;
    private SignInThrottle _throttle = null!;
    private string _user = null!;
    private string _address = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        var server = await TestServers.RedisAsync();
        _redis = new RedisConnection(Options.Create(new RedisOptions { Connection = server.Connection }), NullLogger<RedisConnection>.Instance);
        var options = Options.Create(new ConsoleOptions { SignInAttempts = 3, SignInWindow = TimeSpan.FromMinutes(10) });
        _throttle = new SignInThrottle(_redis, options, _time);
        _user = "user-" + Guid.NewGuid().ToString("N")[..8];
        _address = "198.51.100." + Random.Shared.Next(1, 250) + "-" + Guid.NewGuid().ToString("N")[..4];
    }

    [TearDown]
    public async Task TearDownAsync() => await _redis.DisposeAsync();

    [Test]
    public async Task ThirdWrongPassword_BlocksUntilTheOldestLeavesTheWindow_ThenOneMoreBlocksAgain()
    {
        await FailAsync(_user);
        _time.Advance(TimeSpan.FromMinutes(1));
        await FailAsync(_user);
        var afterTwo = await BlockedAsync(_user);
        _time.Advance(TimeSpan.FromMinutes(1));
        await FailAsync(_user);
        var afterThree = await BlockedAsync(_user);

        _time.Advance(TimeSpan.FromMinutes(8) - TimeSpan.FromSeconds(1));
        var aSecondBefore = await BlockedAsync(_user);
        _time.Advance(TimeSpan.FromSeconds(1));
        var whenTheFirstLeaves = await BlockedAsync(_user);
        await FailAsync(_user);
        var oneMore = await BlockedAsync(_user);

        Assert.Multiple(() =>
        {
            Assert.That(afterTwo, Is.Null, "two of three attempts used");
            Assert.That(afterThree, Is.EqualTo(TimeSpan.FromMinutes(8)), "until the first failure is 10 min old");
            Assert.That(aSecondBefore, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(whenTheFirstLeaves, Is.Null, "a sliding window: the first failure no longer counts");
            Assert.That(oneMore, Is.EqualTo(TimeSpan.FromMinutes(1)), "the second failure (at minute 1) is now the oldest of three");
        });
    }

    [Test]
    public async Task OneAddressGuessingManyNames_IsBlocked_WhileTheNamesThemselvesAreNot()
    {
        for (var i = 0; i < 3; i++)
        {
            await _throttle.FailedAsync($"{_user}-{i}", _address, None);
        }

        var sameAddress = await _throttle.BlockedForAsync(_user + "-new", _address, None);
        var otherAddress = await _throttle.BlockedForAsync(_user + "-0", _address + "-other", None);

        Assert.Multiple(() =>
        {
            Assert.That(sameAddress, Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(otherAddress, Is.Null, "one failure of that name, from elsewhere");
        });
    }

    [Test]
    public async Task AGoodPassword_ClearsTheNamesFailures_NotTheAddresses()
    {
        await FailAsync(_user);
        await FailAsync(_user);
        await _throttle.SucceededAsync(_user, None);
        await FailAsync(_user);
        var name = await _throttle.BlockedForAsync(_user, _address + "-elsewhere", None);
        var address = await _throttle.BlockedForAsync(_user + "-other", _address, None);

        Assert.Multiple(() =>
        {
            Assert.That(name, Is.Null, "one failure since the good password");
            Assert.That(address, Is.EqualTo(TimeSpan.FromMinutes(10)), "the address made three");
        });
    }

    private Task FailAsync(string user) => _throttle.FailedAsync(user, _address, None);

    private Task<TimeSpan?> BlockedAsync(string user) => _throttle.BlockedForAsync(user, _address, None);
}
