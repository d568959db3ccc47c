using System.Diagnostics.CodeAnalysis;
using System.Text;
using Falcon.Shared.Model;

namespace Falcon.Shared.Tsdb;

/// <summary>The one mapping between a falcon series (endpoint, metric, tags, counterType) and a TSDB series; lossless both ways.</summary>
/// <remarks>
/// A falcon series becomes these labels, and nothing else:
/// <list type="bullet">
/// <item>`__name__` = the falcon metric verbatim, dots and dashes kept (`cpu.idle`, `disk.io.avgqu-sz`). VictoriaMetrics
/// stores and queries any UTF-8 name. Prometheus stores it too, but its query language only accepts
/// `[a-zA-Z_:][a-zA-Z0-9_:]*` as a bare name, so readers always select with `{__name__="cpu.idle"}`, which works on
/// both.</item>
/// <item>`endpoint` = the endpoint; `counterType` = GAUGE, COUNTER or DERIVE. Values are stored raw, so a reader seeing
/// COUNTER or DERIVE knows to compute a rate.</item>
/// <item>one label per tag. A key that is already a plain Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`) and is not
/// reserved (starts with `__` or `falcon_`, or is `endpoint` or `counterType`) is the label name as is. Any other key
/// (`a-b`, `1x`, `__x`, `endpoint`, unicode, the empty key) is written `falcon_tag_` + the lowercase hex of its UTF-8
/// bytes, so `a-b` becomes `falcon_tag_612d62`.</item>
/// <item>a tag whose value is empty would vanish, because Prometheus and VictoriaMetrics treat an empty label as
/// absent; it is written `falcon_empty_` + hex of the UTF-8 key, with the value `true`.</item>
/// </list>
/// Because the prefixes `falcon_` and `__` are never kept verbatim, decoding is exact.
/// </remarks>
internal static class SeriesMapping
{
    public const string MetricNameLabel = "__name__";
    public const string EndpointLabel = "endpoint";
    public const string CounterTypeLabel = "counterType";
    public const string EncodedTagPrefix = "falcon_tag_";
    public const string EmptyTagPrefix = "falcon_empty_";
    public const string EmptyTagMarker = "true";

    private const string ReservedPrefix = "falcon_";

    // Invalid UTF-8 in a hex-encoded key means the label was not written by this mapping.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The labels of a series, sorted by name (ordinal, which is byte order: every name is ASCII) as remote write requires.</summary>
    public static KeyValuePair<string, string>[] ToLabels(string endpoint, string metric, TagSet tags, CounterType counterType)
    {
        var labels = new List<KeyValuePair<string, string>>(3 + (tags?.Count ?? 0));
        WriteLabels(endpoint, metric, tags!, counterType, labels);
        return [.. labels];
    }

    /// <summary>The labels of <paramref name="sample"/>'s series, sorted by name.</summary>
    public static KeyValuePair<string, string>[] ToLabels(MetricSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return ToLabels(sample.Endpoint, sample.Metric, sample.Tags, sample.CounterType);
    }

    /// <summary>Replaces the contents of <paramref name="destination"/> with the series' labels sorted by name; reuses its storage.</summary>
    public static void WriteLabels(string endpoint, string metric, TagSet tags, CounterType counterType, List<KeyValuePair<string, string>> destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(metric);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(destination);
        destination.Clear();
        destination.Add(new(MetricNameLabel, metric));
        destination.Add(new(EndpointLabel, endpoint));
        destination.Add(new(CounterTypeLabel, counterType.ToWireString()));
        foreach (var (key, value) in tags)
        {
            destination.Add(value.Length == 0
                ? new(EmptyTagPrefix + Hex(key), EmptyTagMarker)
                : new(LabelName(key), value));
        }

        // A handful of labels: an insertion sort, with no comparer delegate, beats List.Sort here (hot path of remote write).
        for (int i = 1; i < destination.Count; i++)
        {
            var label = destination[i];
            int j = i - 1;
            while (j >= 0 && string.CompareOrdinal(destination[j].Key, label.Key) > 0)
            {
                destination[j + 1] = destination[j];
                j--;
            }

            destination[j + 1] = label;
        }
    }

    /// <summary>The label name that carries tag <paramref name="key"/> (when its value is not empty).</summary>
    public static string LabelName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return IsKeptVerbatim(key) ? key : EncodedTagPrefix + Hex(key);
    }

    /// <summary>Reads a series back from its labels; throws <see cref="FormatException"/> if they were not written by this mapping.</summary>
    public static FalconSeries FromLabels(IEnumerable<KeyValuePair<string, string>> labels) =>
        TryFromLabels(labels, out var series, out var error) ? series : throw new FormatException(error);

    /// <summary>Reads a series back from its labels; false, with the reason, if they were not written by this mapping.</summary>
    public static bool TryFromLabels(
        IEnumerable<KeyValuePair<string, string>> labels,
        [NotNullWhen(true)] out FalconSeries? series,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(labels);
        series = null;
        string? metric = null, endpoint = null, counterType = null;
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in labels)
        {
            switch (name)
            {
                case MetricNameLabel:
                    metric = value;
                    continue;
                case EndpointLabel:
                    endpoint = value;
                    continue;
                case CounterTypeLabel:
                    counterType = value;
                    continue;
            }

            if (name.StartsWith(EncodedTagPrefix, StringComparison.Ordinal))
            {
                if (!TryUnhex(name.AsSpan(EncodedTagPrefix.Length), out var key))
                {
                    error = $"label '{name}' does not hold a hex-encoded UTF-8 tag key";
                    return false;
                }

                tags.Add(new(key, value));
            }
            else if (name.StartsWith(EmptyTagPrefix, StringComparison.Ordinal))
            {
                if (!TryUnhex(name.AsSpan(EmptyTagPrefix.Length), out var key) || value != EmptyTagMarker)
                {
                    error = $"label '{name}' is not an empty-tag marker";
                    return false;
                }

                tags.Add(new(key, ""));
            }
            else if (IsKeptVerbatim(name))
            {
                tags.Add(new(name, value));
            }
            else
            {
                error = $"label '{name}' is reserved and not written by the falcon series mapping";
                return false;
            }
        }

        if (string.IsNullOrEmpty(metric) || string.IsNullOrEmpty(endpoint))
        {
            error = "a falcon series needs both __name__ and endpoint labels";
            return false;
        }

        if (!CounterTypes.TryParse(counterType, out var type))
        {
            error = $"label counterType must be GAUGE, COUNTER or DERIVE, got '{counterType}'";
            return false;
        }

        series = new FalconSeries(endpoint, metric, TagSet.From(tags), type);
        error = null;
        return true;
    }

    /// <summary>True when <paramref name="key"/> is a plain, unreserved Prometheus label name and so is written as is.</summary>
    public static bool IsKeptVerbatim(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || char.IsAsciiDigit(key[0])
            || key.StartsWith("__", StringComparison.Ordinal)
            || key.StartsWith(ReservedPrefix, StringComparison.Ordinal)
            || key is EndpointLabel or CounterTypeLabel)
        {
            return false;
        }

        foreach (char c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static string Hex(string key) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(key));

    private static bool TryUnhex(ReadOnlySpan<char> hex, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (hex.Length % 2 != 0)
        {
            return false;
        }

        byte[] bytes = new byte[hex.Length / 2];
        if (Convert.FromHexString(hex, bytes, out _, out int written) != System.Buffers.OperationStatus.Done || written != bytes.Length)
        {
            return false;
        }

        try
        {
            key = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
