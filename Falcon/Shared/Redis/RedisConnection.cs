using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Shared.Redis;

/// <summary>The process's one Redis multiplexer, connected on first use and kept reconnecting in the background.</summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly ILogger<RedisConnection> _logger;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private ConnectionMultiplexer? _multiplexer;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        _configuration = ConfigurationOptions.Parse(options.Value.Connection);
        // Start even when Redis is down: roles keep serving from memory and the multiplexer reconnects by itself.
        _configuration.AbortOnConnectFail = false;
        _configuration.ClientName ??= "falcon";
        _logger = logger;
    }

    /// <summary>Returns the connected multiplexer, connecting the first time.</summary>
    public async ValueTask<IConnectionMultiplexer> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_multiplexer is { } existing)
        {
            return existing;
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_multiplexer is null)
            {
                var multiplexer = await ConnectionMultiplexer.ConnectAsync(_configuration);
                multiplexer.ConnectionFailed += (_, e) => Log.ConnectionFailed(_logger, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString(), e.Exception?.Message ?? string.Empty);
                multiplexer.ConnectionRestored += (_, e) => Log.ConnectionRestored(_logger, e.EndPoint?.ToString() ?? "?");
                Log.Connected(_logger, multiplexer.Configuration, multiplexer.IsConnected);
                _multiplexer = multiplexer;
            }

            return _multiplexer;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>The database to use (a Redis Cluster has only database 0).</summary>
    public async ValueTask<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync(cancellationToken)).GetDatabase();

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { } multiplexer)
        {
            await multiplexer.CloseAsync();
            await multiplexer.DisposeAsync();
        }

        _connectLock.Dispose();
    }
}
