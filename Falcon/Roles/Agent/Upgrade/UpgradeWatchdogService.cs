using Microsoft.Extensions.Hosting;
using Falcon.Hosting;
using Falcon.Shared.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>
/// Runs the watchdog's start-up check before any other service of the process starts (it is registered first and
/// checks in StartingAsync), then waits for the deadline of a pending upgrade. Says at start how self-upgrade is set
/// where that surprises: beside server roles, and without release keys.
/// </summary>
internal sealed class UpgradeWatchdogService(
    UpgradeWatchdog watchdog,
    IUpgradeRestart restart,
    TimeProvider time,
    IOptions<SelfUpgradeOptions> options,
    ILogger<UpgradeWatchdogService> logger,
    HostFootprint? footprint = null) : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _deadline = Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (watchdog.CheckAtStartup() == WatchdogOutcome.RolledBack)
        {
            // Nothing of this binary may run (its heartbeat would report the failed version as done): start fails here
            // with one line, the process exits non-zero and the supervisor starts the restored binary.
            throw new ConfigurationException(
                "agent.upgrade: this binary did not reach a successful heartbeat in time; the previous binary is restored, exiting so it starts");
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (footprint is { ServerRoles.Count: > 0 } process)
        {
            var roles = string.Join(", ", process.ServerRoles);
            if (settings.Enabled)
            {
                UpgradeLog.OnBesideServerRoles(logger, roles);
            }
            else
            {
                UpgradeLog.OffBesideServerRoles(logger, roles);
            }
        }

        if (settings.Enabled && settings.PublicKeys.Count == 0)
        {
            UpgradeLog.Unsigned(logger);
        }

        if (watchdog.Deadline is { } deadline)
        {
            _deadline = WaitForDeadlineAsync(deadline, _stopping.Token);
        }

        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _deadline;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task WaitForDeadlineAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        try
        {
            var wait = deadline - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (watchdog.RestoreIfStillPending())
        {
            restart.Restart("start the restored previous binary");
        }
    }
}
