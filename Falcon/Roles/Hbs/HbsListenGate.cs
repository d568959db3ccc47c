using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Hbs;

/// <summary>
/// Holds hbs's JSON-RPC port shut until its first configuration is loaded, as open-falcon's hbs loads before it
/// listens: an agent or judge that connects is answered with configuration, never "not loaded yet". With MySQL and
/// Redis both down, the port opens after `hbs.listenWait` anyway (heartbeats are answered from memory), and
/// <see cref="State"/> and <see cref="Reason"/> say why.
/// </summary>
internal sealed class HbsListenGate(HbsConfig config, IOptions<HbsOptions> options, TimeProvider timeProvider, ILogger<HbsListenGate> logger)
{
    private volatile StateAndReason _state = new(HbsListenState.Waiting, "waiting for the first configuration from MySQL or the Redis snapshot");

    public HbsListenState State => _state.State;

    /// <summary>One line on <see cref="State"/>, for /health.</summary>
    public string Reason => _state.Reason;

    /// <summary>Completes when the configuration is loaded or `hbs.listenWait` has passed.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = options.Value.ListenWait;
        try
        {
            await config.Loaded.WaitAsync(wait, timeProvider, cancellationToken);
            _state = new(HbsListenState.ConfigurationLoaded, "configuration loaded before the port opened");
            Log.ListenConfigurationLoaded(logger);
        }
        catch (TimeoutException)
        {
            var reason = $"no configuration within hbs.listenWait ({wait:c}): neither MySQL nor the Redis snapshot answered; "
                + "heartbeats are served, configuration calls are refused until it loads";
            _state = new(HbsListenState.ListeningWithoutConfiguration, reason);
            Log.ListenWithoutConfiguration(logger, reason);
            var opened = timeProvider.GetTimestamp();
            _ = config.Loaded.ContinueWith(
                _ =>
                {
                    _state = new(HbsListenState.ConfigurationLoaded, "configuration loaded after the port opened");
                    Log.ConfigurationLoadedLate(logger, timeProvider.GetElapsedTime(opened));
                },
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
        }
    }

    private sealed record StateAndReason(HbsListenState State, string Reason);
}
