using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Falcon.Shared.Model;

/// <summary>Series identity strings: the PK endpoint/metric[/sortedTags], the counter metric[/sortedTags], and md5hex(PK).</summary>
/// <remarks>md5(PK) keys judge's history and ends event ids; md5(endpoint/counter), the same string, names graph's files.</remarks>
internal static class SeriesKey
{
    private const int StackBufferBytes = 1024;

    /// <summary>The PK: "endpoint/metric", plus "/sortedTags" when there are tags.</summary>
    public static string Of(string endpoint, string metric, TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.Count == 0
            ? string.Concat(endpoint, "/", metric)
            : string.Concat(endpoint, "/", metric, "/", tags.Canonical);
    }

    /// <summary>The counter, as graph's endpoint_counter.counter and the API hold it: "metric", plus "/sortedTags" when there are tags.</summary>
    public static string Counter(string metric, TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.Count == 0 ? metric : string.Concat(metric, "/", tags.Canonical);
    }

    /// <summary>md5 of the UTF-8 of <paramref name="key"/>, as 32 lowercase hex digits.</summary>
    public static string Md5Hex(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return HashToHex(key, null, null);
    }

    /// <summary>md5hex of the PK, computed without building the PK string.</summary>
    public static string Md5Hex(string endpoint, string metric, TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(tags);
        return HashToHex(endpoint, metric, tags.Count == 0 ? null : tags.Canonical);
    }

    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "md5 is open-falcon's series id on the wire, not a security measure.")]
    private static string HashToHex(string first, string? metric, string? tags)
    {
        int chars = first.Length + (metric?.Length + 1 ?? 0) + (tags?.Length + 1 ?? 0);
        int maxBytes = Encoding.UTF8.GetMaxByteCount(chars);
        byte[]? rented = null;
        Span<byte> buffer = maxBytes <= StackBufferBytes
            ? stackalloc byte[StackBufferBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            int length = Encoding.UTF8.GetBytes(first, buffer);
            length += Append(metric, buffer[length..]);
            length += Append(tags, buffer[length..]);
            Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
            MD5.HashData(buffer[..length], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int Append(string? part, Span<byte> destination)
    {
        if (part is null)
        {
            return 0;
        }

        destination[0] = (byte)'/';
        return 1 + Encoding.UTF8.GetBytes(part, destination[1..]);
    }
}
