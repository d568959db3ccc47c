using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>
/// Downloads a binary into a temporary file, asking for gzip (nginx `gzip_static` sends `bin_&lt;version&gt;.gz`), and
/// hashes the unpacked bytes as they are written, so the checksum covers exactly what will run.
/// </summary>
internal sealed class BinaryDownloader : IDisposable
{
    private readonly HttpClient _http;

    public BinaryDownloader()
    {
        // Gzip is asked for and unpacked here rather than by the handler, which would hide the size on the wire.
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30), UseProxy = false };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Downloads <paramref name="url"/> to <paramref name="target"/>; on any failure the partial file is removed and an <see cref="UpgradeException"/> says why.</summary>
    public async Task<DownloadedBinary> DownloadAsync(Uri url, string target, long maxBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await CopyAsync(url, target, maxBytes, deadline.Token);
        }
        catch (Exception e) when (e is not UpgradeException)
        {
            TryDelete(target);
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new UpgradeException($"download of {url} did not finish within {timeout}", e);
            }

            if (e is HttpRequestException or IOException or InvalidDataException)
            {
                throw new UpgradeException($"download of {url} failed: {e.Message}", e);
            }

            throw;
        }
        catch
        {
            TryDelete(target);
            throw;
        }
    }

    /// <summary>A small text file beside the binary (its `.sig`); an <see cref="UpgradeException"/> names the HTTP status or the error.</summary>
    public async Task<string> FetchTextAsync(Uri url, int maxBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new UpgradeException($"download of {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            var buffer = new byte[maxBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), deadline.Token)) > 0)
            {
                length += read;
            }

            return length > maxBytes
                ? throw new UpgradeException($"download of {url} is larger than {maxBytes} bytes")
                : System.Text.Encoding.ASCII.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpgradeException($"download of {url} did not finish within {timeout}", e);
        }
        catch (HttpRequestException e)
        {
            throw new UpgradeException($"download of {url} failed: {e.Message}", e);
        }
    }

    private async Task<DownloadedBinary> CopyAsync(Uri url, string target, long maxBytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        // nginx with gzip_static on answers with bin_<version>.gz when it exists; a server without one sends the file as it is.
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new UpgradeException($"download of {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var encodings = response.Content.Headers.ContentEncoding;
        var gzip = encodings.Count == 1 && string.Equals(encodings.First(), "gzip", StringComparison.OrdinalIgnoreCase);
        if (encodings.Count > 0 && !gzip)
        {
            throw new UpgradeException($"download of {url} came with Content-Encoding '{string.Join(", ", encodings)}', only gzip is understood");
        }

        var wireLength = response.Content.Headers.ContentLength ?? -1;
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The fork's command carries md5 only; sha256 is preferred whenever hbs sends it.
#pragma warning disable CA5351
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        long length = 0;
        await using (var wire = await response.Content.ReadAsStreamAsync(cancellationToken))
        await using (var body = gzip ? new GZipStream(wire, CompressionMode.Decompress) : wire)
        await using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    throw new UpgradeException($"download of {url} is larger than agent.upgrade.maxBinaryMegabytes ({maxBytes} bytes)");
                }

                sha256.AppendData(buffer, 0, read);
                md5.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await file.FlushAsync(cancellationToken);
            // On disk before the rename, so a power cut never leaves a truncated binary under the real name.
            file.Flush(flushToDisk: true);
        }

        if (length == 0)
        {
            throw new UpgradeException($"download of {url} is empty");
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return new DownloadedBinary(
            target, length, wireLength < 0 ? length : wireLength,
            Convert.ToHexStringLower(sha256.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()));
    }

    public void Dispose() => _http.Dispose();

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover hidden temporary file is harmless; the next attempt uses a new name.
        }
    }
}
