using System.Net;
using Falcon.Shared.Releases;

namespace Falcon.Cli.Upgrade;

/// <summary>
/// What `falcon upgrade push --version V` finds on the download server, as `./build.sh publish` lays it out:
/// `bin_V` (checked with HEAD, as typed, then in the other spelling: 7.1 and 7.1.0), and beside it `.md5`, `.sha256`
/// and, when the release is signed, `.sig`.
/// </summary>
internal sealed record ReleaseLookup(string File, Uri Binary, string? Md5, string? Sha256, string? Signature)
{
    /// <summary>`7.1` → `7.1.0`, `7.1.0` → `7.1`; null when there is no other spelling.</summary>
    public static string? OtherSpelling(string version)
    {
        var parts = version.Split('.');
        return parts.Length switch
        {
            2 when parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)) => version + ".0",
            3 when parts[2] == "0" && parts[..2].All(p => p.Length > 0 && p.All(char.IsAsciiDigit)) => $"{parts[0]}.{parts[1]}",
            _ => null,
        };
    }

    /// <summary>Finds the binary and reads its sums and signature; <see cref="InvalidOperationException"/> says what is missing.</summary>
    public static async Task<ReleaseLookup> FindAsync(HttpClient http, string baseUrl, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var root = baseUrl.Trim().TrimEnd('/') + "/";
        var tried = new List<string>();
        foreach (var spelling in new[] { version, OtherSpelling(version) }.OfType<string>())
        {
            var file = $"bin_{spelling}";
            var binary = new Uri(new Uri(root), file);
            using var head = new HttpRequestMessage(HttpMethod.Head, binary);
            using var response = await http.SendAsync(head, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                tried.Add($"{binary} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                continue;
            }

            var md5 = Sum(await TextAsync(http, binary, ".md5", cancellationToken), 32);
            var sha256 = Sum(await TextAsync(http, binary, ".sha256", cancellationToken), 64);
            if (md5 is null && sha256 is null)
            {
                throw new InvalidOperationException($"{binary} is there but neither {file}.md5 nor {file}.sha256 is (./build.sh publish writes both); give --md5/--sha256 or --file");
            }

            var signature = await TextAsync(http, binary, ".sig", cancellationToken) is { } text ? text.Trim() : null;
            if (signature is not null)
            {
                try
                {
                    ReleaseSignature.Parse(signature);
                }
                catch (FormatException e)
                {
                    throw new InvalidOperationException($"{binary}.sig: {e.Message}", e);
                }
            }

            return new ReleaseLookup(file, binary, md5, sha256, signature);
        }

        throw new InvalidOperationException($"the binary is not on the download server: {string.Join("; ", tried)}");
    }

    // The sum is the first word of an md5sum/sha256sum line.
    private static string? Sum(string? text, int length)
    {
        var word = text?.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant();
        return word is not null && word.Length == length && word.All(char.IsAsciiHexDigit) ? word : null;
    }

    private static async Task<string?> TextAsync(HttpClient http, Uri binary, string suffix, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(binary + suffix), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{binary}{suffix} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > 4096 ? throw new InvalidOperationException($"{binary}{suffix} is larger than a checksum or signature file") : text;
    }
}
