using Falcon.Roles.Console.Auth;
using Falcon.Tests.Integration.Servers;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Console;

/// <summary>
/// Every console a test starts shares the test Redis, and every browser and client signs in from 127.0.0.1: wrong
/// passwords one fixture types on purpose (throttle, password and LDAP tests) would count against the next fixture's
/// sign-ins from the same address. A console started for a test begins with none counted.
/// </summary>
internal static class SignInFailures
{
    public static async Task ForgetAsync(RedisServer redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Connection);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        await foreach (var key in server.KeysAsync(pattern: SignInThrottle.Prefix + "*"))
        {
            await connection.GetDatabase().KeyDeleteAsync(key);
        }
    }
}
