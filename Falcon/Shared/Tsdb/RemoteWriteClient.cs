using System.Net;
using System.Net.Http.Headers;
using Falcon.Shared.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Shared.Tsdb;

/// <summary>Sends batches to `tsdb.writeUrl` with Prometheus remote write 0.1.0 and classifies the answer; retrying is the caller's.</summary>
internal sealed class RemoteWriteClient
{
    // Enough of a refusal to say why in a log line, without holding a large error page.
    private const int MaxErrorChars = 1024;
    private static readonly TimeSpan BaseRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly MediaTypeHeaderValue ProtobufType = new("application/x-protobuf");

    private readonly HttpClient _http;
    private readonly Uri _writeUrl;
    private readonly TimeSpan _timeout;
    private readonly ILogger<RemoteWriteClient> _logger;

    public RemoteWriteClient(HttpClient http, IOptions<TsdbOptions> options, ILogger<RemoteWriteClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _writeUrl = new Uri(options.Value.WriteUrl, UriKind.Absolute);
        _timeout = options.Value.Timeout;
        _logger = logger;
    }

    /// <summary>How long to wait before retry number <paramref name="attempt"/> (1 = the first retry): exponential from 100 ms, capped at 30 s, with jitter.</summary>
    public static TimeSpan RetryDelay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);

        // "Equal jitter": half the exponential delay is fixed, half random, so senders that failed together spread out
        // but none retries immediately.
        double ceiling = Math.Min(MaxRetryDelay.TotalMilliseconds, BaseRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    /// <summary>Writes <paramref name="batch"/> in one request within `tsdb.timeout`; never throws for a failed request, only for cancellation by the caller.</summary>
    public async Task<RemoteWriteOutcome> WriteAsync(IReadOnlyList<MetricSample> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return RemoteWriteOutcome.Success;
        }

        using var body = RemoteWriteEncoder.EncodeCompressed(batch);
        return await WriteCompressedAsync(body, batch.Count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="writeRequest"/>, an uncompressed WriteRequest of <paramref name="samples"/> samples (as
    /// <see cref="RemoteWriteEncoder.Encode"/> makes, or several of them concatenated); like <see cref="WriteAsync"/> otherwise.
    /// </summary>
    public async Task<RemoteWriteOutcome> WriteEncodedAsync(ReadOnlyMemory<byte> writeRequest, int samples, CancellationToken cancellationToken)
    {
        if (writeRequest.IsEmpty)
        {
            return RemoteWriteOutcome.Success;
        }

        using var body = RemoteWriteEncoder.Compress(writeRequest.Span);
        return await WriteCompressedAsync(body, samples, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RemoteWriteOutcome> WriteCompressedAsync(PooledBytes body, int samples, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var outcome = await SendAsync(body, timeout.Token, cancellationToken).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case RemoteWriteStatus.PermanentFailure:
                Log.WriteRefused(_logger, samples, (int)outcome.HttpStatus.GetValueOrDefault(), outcome.Error ?? "");
                break;
            case RemoteWriteStatus.RetryableFailure:
                Log.WriteFailed(_logger, samples, outcome.Error ?? "");
                break;
        }

        return outcome;
    }

    private async Task<RemoteWriteOutcome> SendAsync(PooledBytes body, CancellationToken token, CancellationToken callerToken)
    {
        try
        {
            using var content = new ByteArrayContent(body.Array, 0, body.Length);
            content.Headers.ContentType = ProtobufType;
            content.Headers.ContentEncoding.Add("snappy");
            using var request = new HttpRequestMessage(HttpMethod.Post, _writeUrl) { Content = content };
            request.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return RemoteWriteOutcome.Success;
            }

            var status = response.StatusCode;
            var text = await ReadErrorAsync(response, token).ConfigureAwait(false);
            var error = $"HTTP {(int)status} {response.ReasonPhrase}: {text}";

            // 429 is back-pressure, and a 408 is the receiver timing out on us: both can succeed later.
            return (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
                ? RemoteWriteOutcome.Retryable(status, error)
                : RemoteWriteOutcome.Permanent(status, error);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            return RemoteWriteOutcome.Retryable(null, $"no answer from {_writeUrl} within {_timeout}");
        }
        catch (HttpRequestException e)
        {
            return RemoteWriteOutcome.Retryable(e.StatusCode, $"{_writeUrl}: {e.Message}");
        }
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken token)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            return text.Length > MaxErrorChars ? text[..MaxErrorChars] : text.TrimEnd();
        }
        catch (HttpRequestException e)
        {
            return $"(response body unreadable: {e.Message})";
        }
    }
}
