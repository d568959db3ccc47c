using System.Globalization;

namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// url.check.health (tags url=U,timeout=S,src=HOSTNAME): 1 if a HEAD request to the URL answers 200 within the
/// strategy's timeout, else 0, as open-falcon's `curl -I -m S` check.
/// </summary>
/// <remarks>
/// All URLs are checked at once so a few slow ones do not hold the pass for the sum of their timeouts. The timeout is
/// capped at <see cref="CollectorOptions.UrlMaxTimeout"/>. Like curl without -L, the client given should not follow
/// redirects (a 301 is not healthy). Strategies with malformed tags are skipped.
/// </remarks>
internal sealed class UrlHealthCollector(BuiltinMetricSet builtins, HttpClient httpClient, string hostname, TimeSpan maxTimeout) : ICollector
{
    private const string Metric = "url.check.health";

    public string Name => "url";

    public int DefaultIntervalSeconds => 60;

    public async ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        var checks = new List<(string Url, int Timeout, Task<bool> Healthy)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in builtins.Current)
        {
            if (metric.Metric == Metric && BuiltinTags.TryUrl(metric.Tags, out string url, out int timeout) && seen.Add(url))
            {
                checks.Add((url, timeout, CheckAsync(url, timeout, cancellationToken)));
            }
        }

        foreach (var (url, timeout, healthy) in checks)
        {
            bool ok = await healthy.ConfigureAwait(false);
            writer.Gauge(Metric, ok ? 1 : 0, string.Create(CultureInfo.InvariantCulture, $"url={url},timeout={timeout},src={hostname}"));
        }
    }

    private async Task<bool> CheckAsync(string url, int timeoutSeconds, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        var timeout = TimeSpan.FromSeconds(timeoutSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout < maxTimeout ? timeout : maxTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, uri);
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            return (int)response.StatusCode == 200;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
