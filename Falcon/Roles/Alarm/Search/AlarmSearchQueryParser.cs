using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Alarm.Search;

/// <summary>Reads `GET /api/alarms` parameters into an <see cref="AlarmSearchQuery"/>, or says which parameter is wrong and how to fix it.</summary>
internal static class AlarmSearchQueryParser
{
    public const int MaxPriorities = 32;

    /// <summary>The parameters the search takes, in the order errors list them.</summary>
    public static readonly IReadOnlyList<string> Known = ["endpoint", "metric", "status", "priority", "from", "to", "q", "limit", "cursor", "events"];

    /// <summary>The query, or null with <paramref name="error"/> set.</summary>
    public static AlarmSearchQuery? Parse(IQueryCollection parameters, AlarmSearchOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        error = "";
        foreach (var key in parameters.Keys)
        {
            if (!Known.Contains(key, StringComparer.Ordinal))
            {
                error = $"unknown parameter '{Clip(key)}'; the search takes {string.Join(", ", Known)}";
                return null;
            }
        }

        foreach (var key in Known.Where(k => k != "priority"))
        {
            if (parameters[key].Count > 1)
            {
                error = $"{key} is given {parameters[key].Count} times; give it once";
                return null;
            }
        }

        var endpoint = Text(parameters, "endpoint", 100, ref error);
        var metric = Text(parameters, "metric", 200, ref error);
        var text = Text(parameters, "q", 200, ref error);
        var status = Status(parameters["status"].ToString(), ref error);
        var priorities = Priorities(parameters["priority"], ref error);
        var from = Time(parameters, "from", ref error);
        var to = Time(parameters, "to", ref error);
        var limit = Limit(parameters["limit"].ToString(), options, ref error);
        var cursor = Cursor(parameters["cursor"].ToString(), ref error);
        var events = Flag(parameters["events"].ToString(), ref error);
        if (error.Length == 0 && from is { } f && to is { } t && f > t)
        {
            error = "from is after to: give the earlier time in from";
        }

        return error.Length > 0
            ? null
            : new AlarmSearchQuery
            {
                Endpoint = endpoint,
                Metric = metric,
                Status = status,
                Priorities = priorities,
                From = from,
                To = to,
                Text = text,
                Limit = limit,
                After = cursor,
                IncludeEvents = events,
            };
    }

    /// <summary>Unix seconds (`1732500000`) or RFC 3339 (`2026-11-24T10:00:00Z`, `2026-11-24T10:00:00+08:00`).</summary>
    public static long? ParseTime(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds <= 253_402_300_799 ? seconds : null; // year 9999
        }

        // RFC 3339 needs a date, a time and a zone: 'T' (or a space) and Z or an offset.
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK"];
        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
               && (text.EndsWith('Z') || text.EndsWith('z') || HasOffset(text))
            ? time.ToUnixTimeSeconds()
            : null;
    }

    private static bool HasOffset(string text) =>
        text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':';

    private static string? Text(IQueryCollection parameters, string key, int maxLength, ref string error)
    {
        var value = parameters[key].ToString().Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            Fail(ref error, $"{key} is {value.Length} characters long; at most {maxLength}");
            return null;
        }

        if (value.Any(char.IsControl))
        {
            Fail(ref error, $"{key} holds control characters");
            return null;
        }

        if (key != "q" && value.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star != value.Length - 1)
        {
            Fail(ref error, $"{key}: '*' is allowed only at the end (a prefix match, e.g. web-*), got '{Clip(value)}'");
            return null;
        }

        if (key != "q" && value == "*")
        {
            return null; // everything
        }

        return value;
    }

    private static string? Status(string value, ref string error)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Equals("PROBLEM", StringComparison.OrdinalIgnoreCase))
        {
            return "PROBLEM";
        }

        if (value.Equals("OK", StringComparison.OrdinalIgnoreCase))
        {
            return "OK";
        }

        Fail(ref error, $"status must be PROBLEM or OK, got '{Clip(value)}'");
        return null;
    }

    private static int[] Priorities(Microsoft.Extensions.Primitives.StringValues values, ref string error)
    {
        var priorities = new SortedSet<int>();
        foreach (var item in values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var priority) || priority > 999_999)
            {
                Fail(ref error, $"priority must be a number from 0 or a comma-separated list (priority=0,1), got '{Clip(item)}'");
                return [];
            }

            priorities.Add(priority);
        }

        if (priorities.Count > MaxPriorities)
        {
            Fail(ref error, $"priority lists {priorities.Count} values; at most {MaxPriorities}");
            return [];
        }

        return [.. priorities];
    }

    private static long? Time(IQueryCollection parameters, string key, ref string error)
    {
        var value = parameters[key].ToString().Trim();
        if (value.Length == 0)
        {
            return null;
        }

        var time = ParseTime(value);
        if (time is null)
        {
            Fail(ref error, $"{key} must be unix seconds (1732500000) or RFC 3339 with a zone (2026-11-24T10:00:00Z), got '{Clip(value)}'");
        }

        return time;
    }

    private static int Limit(string value, AlarmSearchOptions options, ref string error)
    {
        if (value.Length == 0)
        {
            return options.DefaultLimit;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > options.MaxLimit)
        {
            Fail(ref error, $"limit must be a number from 1 to {options.MaxLimit} (alarm.search.maxLimit), got '{Clip(value)}'; page on with cursor");
            return 0;
        }

        return limit;
    }

    private static AlarmSearchCursor? Cursor(string value, ref string error)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var cursor = AlarmSearchCursor.TryDecode(value);
        if (cursor is null)
        {
            Fail(ref error, "cursor is not one this API gave: pass the nextCursor of the previous page unchanged");
        }

        return cursor;
    }

    private static bool Flag(string value, ref string error)
    {
        switch (value.ToLowerInvariant())
        {
            case "":
            case "false":
            case "0":
                return false;
            case "true":
            case "1":
                return true;
            default:
                Fail(ref error, $"events must be true or false, got '{Clip(value)}'");
                return false;
        }
    }

    // The first problem is the one reported.
    private static void Fail(ref string error, string message)
    {
        if (error.Length == 0)
        {
            error = message;
        }
    }

    private static string Clip(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
