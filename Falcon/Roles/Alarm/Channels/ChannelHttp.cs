using System.Buffers;
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

    /// <summary>A JSON body sent as the bytes given (no round trip through a string).</summary>
    public static ByteArrayContent Json(byte[] utf8) => new(utf8)
    {
        Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
    };

    /// <summary>The first <see cref="MaxBodyChars"/> characters of the answer, read through a small pooled buffer.</summary>
    internal static async Task<string> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1024);
        // Not a 64 K buffer per call: at 128 KB it lands on the large object heap, and one per delivered message
        // made the alarm spend its time in gen2 collections under load.
        var buffer = ArrayPool<char>.Shared.Rent(1024);
        try
        {
            var text = new StringBuilder();
            int read;
            while (text.Length < MaxBodyChars
                && (read = await reader.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, MaxBodyChars - text.Length)), cancellationToken)) > 0)
            {
                text.Append(buffer, 0, read);
            }

            return text.ToString();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
