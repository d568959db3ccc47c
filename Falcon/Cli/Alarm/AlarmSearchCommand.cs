using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Net;
using Falcon.Cli.Http;
using Falcon.Shared.Configuration;

namespace Falcon.Cli.Alarm;

/// <summary>`falcon alarm search`: the alarm records (event cases) your teams may see, through the alarm's `GET /api/alarms`.</summary>
internal static class AlarmSearchCommand
{
    /// <summary>The alarm's search API, as `falcon alarm search` names it in its messages.</summary>
    public static RoleApi Api { get; } = RoleApis.Alarm with
    {
        Name = "alarm search API",
        ReplyName = "an alarm search reply",
        Explain = static (status, message) => status switch
        {
            HttpStatusCode.Unauthorized => $"the alarm refused: {message}. Pass --apitoken '{{\"name\":\"<user>\",\"sig\":\"<sig>\"}}' (an open-falcon login session) or --token <host.adminToken>",
            HttpStatusCode.Forbidden => $"the alarm refused: {message}",
            HttpStatusCode.BadRequest => message,
            _ => null,
        },
    };

    public static Command Create()
    {
        var endpoint = Text("--endpoint", "Only this endpoint; end it with * for a prefix (web-*).", "endpoint");
        var metric = Text("--metric", "Only this metric (with any tags: cpu.idle finds cpu.idle/core=1); end it with * for a prefix.", "metric");
        var status = Text("--status", "Only PROBLEM or only OK cases.", "PROBLEM|OK");
        var priority = Text("--priority", "Only these priorities, comma-separated (0,1).", "list");
        var since = Text("--since", "Only cases updated in this last while: 30m, 1h, 2d, 1w (units s, m, h, d, w). Not with --from.", "duration");
        var from = Text("--from", "Only cases updated at or after this: unix seconds or RFC 3339 (2026-11-24T10:00:00Z).", "time");
        var to = Text("--to", "Only cases begun at or before this: unix seconds or RFC 3339.", "time");
        var text = Text("--text", "Only cases whose id, endpoint, metric, note, function, condition or template creator contains this (any case).", "text");
        var cursor = Text("--cursor", "Continue after a previous page: the cursor it printed.", "cursor");
        var limit = new Option<int>("--limit") { Description = "At most this many cases (the alarm allows up to alarm.search.maxLimit, 500 by default). Default: the alarm's alarm.search.defaultLimit.", HelpName = "count" };
        var events = new Option<bool>("--events") { Description = "Also show each case's events (state changes), newest first." };
        var json = new Option<bool>("--json") { Description = "Print the alarm's JSON reply as it is ({\"data\":[...],\"nextCursor\":...})." };
        var connection = new RoleApiOptions(
            Api,
            "Alarm HTTP address, http://host:9912 or host:port. Default: alarm.httpListen from the configuration, a wildcard address (0.0.0.0) reached over 127.0.0.1.",
            "Admin bearer token, which sees every alarm. Default when --apitoken is not given: host.adminToken from the configuration (or FALCON_HOST__ADMINTOKEN).",
            "Seconds to wait for the alarm's answer.");
        var apiToken = Text("--apitoken", "Your open-falcon login session: the Apitoken header's JSON {\"name\":\"<user>\",\"sig\":\"<sig>\"}, or <user>:<sig>. You see the alarms of actions that alert one of your teams.", "token");
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                r.AddError("--limit must be between 1 and 10000");
            }
        });
        since.Validators.Add(r =>
        {
            if (ParseSince(r.GetValueOrDefault<string>() ?? "") is null)
            {
                r.AddError($"--since must be a duration such as 30m, 1h, 2d or 1w, got '{r.GetValueOrDefault<string>()}'");
            }
        });

        var command = new Command(
            "search",
            "Search alarm records (open-falcon's alarms.event_cases), newest first, through the alarm's HTTP API. You see only the alarms of actions whose teams include one of yours (--apitoken), or every alarm with the admin token (--token). Loopback is not enough: searching needs one of the two.")
        {
            endpoint, metric, status, priority, since, from, to, text, limit, cursor, events, json, connection.Address, apiToken, connection.Token, connection.Timeout,
        };
        CommonOptions.AddTo(command);
        command.Validators.Add(r =>
        {
            if (r.GetResult(since) is not null && r.GetResult(from) is not null)
            {
                r.AddError("give --since or --from, not both");
            }
        });
        command.SetAction((result, ct) => connection.RunAsync(
            result,
            "falcon alarm search",
            async client =>
            {
                var sinceText = result.GetValue(since);
                var parameters = new List<(string, string?)>
                {
                    ("endpoint", result.GetValue(endpoint)),
                    ("metric", result.GetValue(metric)),
                    ("status", result.GetValue(status)),
                    ("priority", result.GetValue(priority)),
                    ("from", sinceText is null ? result.GetValue(from) : (DateTimeOffset.UtcNow - ParseSince(sinceText)!.Value).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                    ("to", result.GetValue(to)),
                    ("q", result.GetValue(text)),
                    ("limit", result.GetResult(limit) is null ? null : result.GetValue(limit).ToString(CultureInfo.InvariantCulture)),
                    ("cursor", result.GetValue(cursor)),
                    ("events", result.GetValue(events) ? "true" : null),
                };

                var (page, body) = await client.SearchAsync(QueryString(parameters), ct);
                await result.InvocationConfiguration.Output.WriteAsync(result.GetValue(json) ? body.TrimEnd() + "\n" : AlarmSearchView.Render(page));
                return ExitCodes.Ok;
            },
            () => ApiTokenHeader(result.GetValue(apiToken))));
        return command;
    }

    /// <summary>`?a=1&amp;b=2` of the given values, each escaped; empty when none is given.</summary>
    public static string QueryString(IEnumerable<(string Name, string? Value)> parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return query.ToString();
    }

    /// <summary>`90s`, `30m`, `1h`, `2d`, `1w` (a whole number and one unit), or null.</summary>
    public static TimeSpan? ParseSince(string text)
    {
        text = text.Trim();
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 10_000_000)
        {
            return null;
        }

        return char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => n <= 36_500 ? TimeSpan.FromDays(n) : null,
            'w' => n <= 5_200 ? TimeSpan.FromDays(7 * n) : null,
            _ => null,
        };
    }

    // --apitoken as the header's JSON; a malformed one is reported like a configuration problem, before any call.
    private static string? ApiTokenHeader(string? apiToken) =>
        string.IsNullOrWhiteSpace(apiToken)
            ? null
            : AlarmSearchCredentials.ApiTokenHeader(apiToken, out var problem) ?? throw new ConfigurationException([problem]);

    private static Option<string> Text(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName };
}
