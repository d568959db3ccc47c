using System.Globalization;

namespace Falcon.Roles.Agent.Collectors;

/// <summary>Parses the tag strings hbs sends with builtin metrics (docs/protocols.md, "hbs"), leniently where open-falcon was needlessly strict.</summary>
internal static class BuiltinTags
{
    /// <summary>The value of "key=value" among comma-separated tags, or null.</summary>
    public static string? Find(string tags, string key)
    {
        foreach (var range in tags.AsSpan().Split(','))
        {
            var tag = tags.AsSpan(range).Trim();
            int eq = tag.IndexOf('=');
            if (eq > 0 && tag[..eq].Trim().SequenceEqual(key))
            {
                var value = tag[(eq + 1)..].Trim();
                return value.IsEmpty ? null : value.ToString();
            }
        }

        return null;
    }

    /// <summary>net.port.listen's "port=N".</summary>
    public static bool TryPort(string tags, out int port)
    {
        port = 0;
        return Find(tags, "port") is { } text
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is > 0 and <= 65535;
    }

    /// <summary>
    /// url.check.health's "url=U,timeout=S", in that order as open-falcon requires. Unlike open-falcon, a URL may
    /// contain '=' (query strings); it may not contain ',' since that separates tags.
    /// </summary>
    public static bool TryUrl(string tags, out string url, out int timeoutSeconds)
    {
        url = "";
        timeoutSeconds = 0;
        int comma = tags.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || tags.IndexOf(',', comma + 1) >= 0)
        {
            return false;
        }

        var first = tags.AsSpan(0, comma).Trim();
        var second = tags.AsSpan(comma + 1).Trim();
        if (!first.StartsWith("url=", StringComparison.Ordinal) || !second.StartsWith("timeout=", StringComparison.Ordinal))
        {
            return false;
        }

        url = first[4..].ToString();
        return url.Length > 0
            && int.TryParse(second[8..], NumberStyles.None, CultureInfo.InvariantCulture, out timeoutSeconds)
            && timeoutSeconds > 0;
    }
}
