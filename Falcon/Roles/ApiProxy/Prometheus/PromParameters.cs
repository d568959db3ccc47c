using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.ApiProxy.Prometheus;

/// <summary>A Prometheus API request's parameters, from the query string and a form body together (Grafana POSTs forms).</summary>
internal sealed class PromParameters(List<KeyValuePair<string, string>> all)
{
    public IReadOnlyList<KeyValuePair<string, string>> All { get; } = all;

    public static async Task<PromParameters> ReadAsync(HttpContext context)
    {
        var all = new List<KeyValuePair<string, string>>();
        foreach (var (key, values) in context.Request.Query)
        {
            all.AddRange(values.Select(v => new KeyValuePair<string, string>(key, v ?? "")));
        }

        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            foreach (var (key, values) in form)
            {
                all.AddRange(values.Select(v => new KeyValuePair<string, string>(key, v ?? "")));
            }
        }

        return new PromParameters(all);
    }

    public string? Get(string name) => All.LastOrDefault(kv => kv.Key == name).Value;

    /// <summary>A time as Prometheus takes it: unix seconds (fractional) or RFC 3339; <paramref name="fallback"/> when absent.</summary>
    public double? Time(string name, double? fallback)
    {
        var text = Get(name);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds() / 1000.0
            : throw new BadQueryException($"cannot parse \"{text}\" to a valid timestamp");
    }

    /// <summary>A step in seconds: a number, or a Prometheus duration such as 30s, 5m, 1h.</summary>
    public double? Duration(string name)
    {
        var text = Get(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        var unit = text.TrimStart("0123456789".ToCharArray());
        var number = text[..^unit.Length];
        double factor = unit switch { "ms" => 0.001, "s" => 1, "m" => 60, "h" => 3600, "d" => 86400, "w" => 604800, "y" => 31536000, _ => 0 };
        return factor > 0 && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n * factor
            : throw new BadQueryException($"cannot parse \"{text}\" to a valid duration");
    }
}
