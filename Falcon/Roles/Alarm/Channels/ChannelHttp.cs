using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>One provider call with its own timeout; failures come back as outcomes naming the host only (URLs hold tokens).</summary>
internal static class ChannelHttp
{
    /// <summary>The IHttpClientFactory name of the channels' client (its own timeout is off: each call has one).</summary>
    public const string ClientName = "Falcon.Alarm.Channels";

    private const int MaxBodyChars = 64 * 1024;

    public static async Task<(HttpStatusCode Status, string Body)?> PostAsync(
        HttpClient client,
        Uri url,
        HttpContent content,
        IReadOnlyDictionary<string, string>? headers,
        TimeSpan timeout,
        Action<string> failed,
        CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content.Headers.Remove(name);
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
        }

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            var body = await ReadLimitedAsync(response.Content, timeoutSource.Token);
            return (response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failed($"{ChannelUrls.Redact(url)} did not answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            failed($"{ChannelUrls.Redact(url)}: {e.HttpRequestError}");
        }

        return null;
    }

    public static StringContent Json(byte[] utf8) => new(Encoding.UTF8.GetString(utf8), new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" });

    private static async Task<string> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxBodyChars];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return new string(buffer, 0, total);
    }
}
