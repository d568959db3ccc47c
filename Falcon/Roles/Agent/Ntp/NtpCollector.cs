using Falcon.Roles.Agent.Collectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Ntp;

/// <summary>
/// `sys.ntp.offset`: the local clock minus the NTP servers' clock in milliseconds (positive: local ahead), measured by
/// the agent itself, so no ntpq or chronyc is needed and the sign is the same on every host.
/// </summary>
/// <remarks>All servers are asked at once; the answer with the shortest round trip wins (its offset is the least
/// skewed by asymmetric delays). No answer at all sends no value: a missing point, not a made-up zero.</remarks>
internal sealed class NtpCollector(SntpClient client, IOptions<NtpOptions> options, ILogger<NtpCollector> logger) : ICollector
{
    public const string Metric = "sys.ntp.offset";

    private readonly NtpServerAddress[] _servers = options.Value.Servers
        .Select(s => NtpServerAddress.TryParse(s, out var a, out _) ? a : null)
        .OfType<NtpServerAddress>()
        .ToArray();

    private bool _failing;

    public string Name => "ntp";

    public int DefaultIntervalSeconds => 60;

    public async ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        if (_servers.Length == 0)
        {
            return;
        }

        var timeout = options.Value.Timeout;
        var attempts = _servers.Select(s => client.QueryAsync(s, timeout, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(attempts);
        }
        catch (SntpException)
        {
            // Each attempt's own outcome is looked at below.
        }

        cancellationToken.ThrowIfCancellationRequested();
        var best = attempts.Where(a => a.IsCompletedSuccessfully).Select(a => a.Result).MinBy(s => s.RoundTrip);
        if (best is null)
        {
            var errors = attempts.Select(a => a.Exception?.InnerException?.Message ?? "no answer").Distinct();
            if (!_failing)
            {
                NtpLog.NoServerAnswered(logger, string.Join(", ", _servers.Select(s => s.ToString())), string.Join("; ", errors));
            }

            _failing = true;
            return;
        }

        foreach (var failed in attempts.Where(a => a.IsFaulted))
        {
            NtpLog.ServerFailed(logger, _servers[Array.IndexOf(attempts, failed)].ToString(), failed.Exception?.InnerException?.Message ?? "");
        }

        if (_failing)
        {
            NtpLog.Recovered(logger, best.Server.ToString(), best.LocalClockAhead.TotalMilliseconds, best.RoundTrip.TotalMilliseconds);
            _failing = false;
        }

        writer.Gauge(Metric, Math.Round(best.LocalClockAhead.TotalMilliseconds, 3));
    }
}
