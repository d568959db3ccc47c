using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Falcon.Shared.Model;

/// <summary>An immutable tag map in Go's key order (UTF-8 bytewise) whose string form is the canonical "k1=v1,k2=v2".</summary>
[JsonConverter(typeof(TagSetJsonConverter))]
internal sealed class TagSet : IReadOnlyDictionary<string, string>, IEquatable<TagSet>
{
    // A series has a handful of tags, so a sorted array searched by halving is smaller and faster than
    // a dictionary, and it is already in the order the canonical string needs.
    private readonly KeyValuePair<string, string>[] _pairs;
    private string? _canonical;

    private TagSet(KeyValuePair<string, string>[] sortedPairs) => _pairs = sortedPairs;

    public static TagSet Empty { get; } = new([]);

    public int Count => _pairs.Length;

    /// <summary>The pairs sorted by key, to read without an enumerator.</summary>
    public ReadOnlySpan<KeyValuePair<string, string>> Pairs => _pairs;

    public IEnumerable<string> Keys => _pairs.Select(static pair => pair.Key);

    public IEnumerable<string> Values => _pairs.Select(static pair => pair.Value);

    /// <summary>The canonical form: keys sorted, "k=v" joined by ","; empty when there are no tags.</summary>
    public string Canonical => _canonical ??= Join(_pairs);

    public string this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException(key);

    /// <summary>Parses a pushed tag string as Go's DictedTagstring does: every ' ' removed, split on ',', each part at its first '='.</summary>
    public static TagSet Parse(string? tags)
    {
        // As in Go: only ' ' is removed, not other whitespace; a part without '=' is dropped; an empty key
        // ("=v") or value ("k=") is kept; a repeated key keeps its last value, as a Go map assignment does.
        if (string.IsNullOrEmpty(tags))
        {
            return Empty;
        }

        if (tags.Contains(' ', StringComparison.Ordinal))
        {
            tags = tags.Replace(" ", "", StringComparison.Ordinal);
        }

        ReadOnlySpan<char> text = tags;
        var pairs = new KeyValuePair<string, string>[text.Count(',') + 1];
        int count = 0;
        foreach (Range range in text.Split(','))
        {
            ReadOnlySpan<char> part = text[range];
            int equals = part.IndexOf('=');
            if (equals >= 0)
            {
                Put(pairs, ref count, part[..equals].ToString(), part[(equals + 1)..].ToString());
            }
        }

        return Create(pairs, count);
    }

    /// <summary>Builds a tag set from key/value pairs, such as a decoded JSON map; a repeated key keeps its last value.</summary>
    public static TagSet From(IEnumerable<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags is TagSet set)
        {
            return set;
        }

        var pairs = new KeyValuePair<string, string>[tags.TryGetNonEnumeratedCount(out int hint) ? hint : 4];
        int count = 0;
        foreach ((string key, string value) in tags)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(tags));
            if (count == pairs.Length)
            {
                Array.Resize(ref pairs, Math.Max(4, count * 2));
            }

            Put(pairs, ref count, key, value ?? "");
        }

        return Create(pairs, count);
    }

    /// <summary>Orders keys as Go's sort.Strings does: by UTF-8 bytes, that is by code point rather than by UTF-16 unit.</summary>
    public static int CompareKeys(string x, string y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int i = x.AsSpan().CommonPrefixLength(y);
        if (i == x.Length || i == y.Length)
        {
            return x.Length - y.Length;
        }

        return CodePointOrder(x[i]) - CodePointOrder(y[i]);
    }

    public bool ContainsKey(string key) => IndexOf(_pairs, _pairs.Length, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        int index = IndexOf(_pairs, _pairs.Length, key);
        if (index < 0)
        {
            value = null;
            return false;
        }

        value = _pairs[index].Value;
        return true;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(TagSet? other)
    {
        if (other is null || other._pairs.Length != _pairs.Length)
        {
            return false;
        }

        for (int i = 0; i < _pairs.Length; i++)
        {
            if (!string.Equals(_pairs[i].Key, other._pairs[i].Key, StringComparison.Ordinal)
                || !string.Equals(_pairs[i].Value, other._pairs[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as TagSet);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Canonical);

    public override string ToString() => Canonical;

    private static TagSet Create(KeyValuePair<string, string>[] pairs, int count)
    {
        if (count == 0)
        {
            return Empty;
        }

        if (count != pairs.Length)
        {
            Array.Resize(ref pairs, count);
        }

        return new TagSet(pairs);
    }

    // Inserts in key order, or replaces the value of an equal key; pairs must have room for one more.
    private static void Put(KeyValuePair<string, string>[] pairs, ref int count, string key, string value)
    {
        int index = IndexOf(pairs, count, key);
        if (index >= 0)
        {
            pairs[index] = new(key, value);
            return;
        }

        index = ~index;
        Array.Copy(pairs, index, pairs, index + 1, count - index);
        pairs[index] = new(key, value);
        count++;
    }

    // Binary search over the first count pairs: the index of key, or the complement of where it belongs.
    private static int IndexOf(KeyValuePair<string, string>[] pairs, int count, string key)
    {
        int low = 0, high = count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            int order = CompareKeys(pairs[middle].Key, key);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    private static string Join(KeyValuePair<string, string>[] pairs)
    {
        if (pairs.Length == 0)
        {
            return "";
        }

        int length = pairs.Length - 1;
        foreach (var pair in pairs)
        {
            length += pair.Key.Length + 1 + pair.Value.Length;
        }

        return string.Create(length, pairs, static (span, pairs) =>
        {
            int position = 0;
            for (int i = 0; i < pairs.Length; i++)
            {
                if (i > 0)
                {
                    span[position++] = ',';
                }

                pairs[i].Key.CopyTo(span[position..]);
                position += pairs[i].Key.Length;
                span[position++] = '=';
                pairs[i].Value.CopyTo(span[position..]);
                position += pairs[i].Value.Length;
            }
        });
    }

    // UTF-16 order puts U+E000..U+FFFF after the surrogates that encode U+10000 and up; UTF-8 does not.
    private static int CodePointOrder(char c) => c >= '\uE000' ? c - 0x800 : c >= '\uD800' ? c + 0x2000 : c;
}
