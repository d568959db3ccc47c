using System.Security.Cryptography;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Roles.Console.Auth;

/// <summary>
/// The console's two secrets (the CSRF signing key and the admin token). A configured value wins; an empty one is
/// generated once and stored in Redis with SET NX, so every console instance reads the same value and the example
/// configuration works as shipped. Read once per process, then kept in memory.
/// </summary>
internal sealed class ConsoleSecrets(RedisConnection redis, IOptions<ConsoleOptions> options)
{
    public const string SessionSecretKey = "falcon:console:sessionSecret";
    public const string AdminTokenKey = "falcon:console:adminToken";

    private Task<(byte[] SessionSecret, string AdminToken)>? _loaded;

    public async ValueTask<byte[]> SessionSecretAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken)).SessionSecret;

    public async ValueTask<string> AdminTokenAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken)).AdminToken;

    // One load per process; a failed one (Redis down) is forgotten so the next request tries again.
    private async Task<(byte[] SessionSecret, string AdminToken)> LoadAsync(CancellationToken cancellationToken)
    {
        var loading = _loaded ??= LoadOnceAsync();
        try
        {
            return await loading.WaitAsync(cancellationToken);
        }
        catch when (loading.IsFaulted)
        {
            _ = Interlocked.CompareExchange(ref _loaded, null, loading);
            throw;
        }
    }

    private async Task<(byte[] SessionSecret, string AdminToken)> LoadOnceAsync()
    {
        var configured = options.Value;
        var secret = configured.SessionSecret.Length > 0 ? configured.SessionSecret : await SharedAsync(SessionSecretKey, CancellationToken.None);
        var token = configured.AdminToken.Length > 0 ? configured.AdminToken : await SharedAsync(AdminTokenKey, CancellationToken.None);
        return (SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)), token);
    }

    private async Task<string> SharedAsync(string key, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var fresh = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        // Whoever sets it first wins; everyone then reads the winner's value.
        await db.StringSetAsync(key, fresh, when: When.NotExists);
        var stored = await db.StringGetAsync(key);
        return stored.HasValue ? stored.ToString() : fresh;
    }
}
