using System.CommandLine;
using System.Globalization;
using System.Text;
using Falcon.Cli.Silence;
using Falcon.Hosting;
using Microsoft.Extensions.Configuration;

namespace Falcon.Cli.Alarm;

/// <summary>`falcon alarm search`: the alarm records (event cases) your teams may see, through the alarm's `GET /api/alarms`.</summary>
internal static class AlarmSearchCommand
{
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
        var url = Text("--url", "Alarm HTTP address, http://host:9912 or host:port. Default: alarm.httpListen from the configuration, a wildcard address (0.0.0.0) reached over 127.0.0.1.", "url");
        var apiToken = Text("--apitoken", "Your open-falcon login session: the Apitoken header's JSON {\"name\":\"<user>\",\"sig\":\"<sig>\"}, or <user>:<sig>. You see the alarms of actions that alert one of your teams.", "token");
        var token = Text("--token", "Admin bearer token, which sees every alarm. Default when --apitoken is not given: host.adminToken from the configuration (or FALCON_HOST__ADMINTOKEN).", "token");
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the alarm's answer.", DefaultValueFactory = _ => 10, HelpName = "seconds" };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                r.AddError("--limit must be between 1 and 10000");
            }
        });
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 600)
            {
                r.AddError("--timeout must be between 1 and 600 seconds");
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
            endpoint, metric, status, priority, since, from, to, text, limit, cursor, events, json, url, apiToken, token, timeout,
        };
        CommonOptions.AddTo(command);
        command.Validators.Add(r =>
        {
            if (r.GetResult(since) is not null && r.GetResult(from) is not null)
            {
                r.AddError("give --since or --from, not both");
            }
        });
        command.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            Uri alarm;
            AlarmSearchCredentials credentials;
            try
            {
                (alarm, credentials) = Resolve(result, result.GetValue(url), result.GetValue(apiToken), result.GetValue(token));
            }
            catch (ConfigurationException e)
            {
                FalconHost.WriteProblems(error, e.Problems);
                return ExitCodes.Failed;
            }

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

            using var client = new AlarmSearchClient(alarm, credentials, TimeSpan.FromSeconds(result.GetValue(timeout)));
            try
            {
                var (page, body) = await client.SearchAsync(QueryString(parameters), ct);
                await output.WriteAsync(result.GetValue(json) ? body.TrimEnd() + "\n" : AlarmSearchView.Render(page));
                return ExitCodes.Ok;
            }
            catch (AlarmSearchClientException e)
            {
                await error.WriteLineAsync($"falcon alarm search: {e.Message}");
                return ExitCodes.Failed;
            }
        });
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

    private static (Uri Alarm, AlarmSearchCredentials Credentials) Resolve(ParseResult result, string? url, string? apiToken, string? token)
    {
        IConfiguration? configuration = null;
        IConfiguration Configuration() => configuration ??= FalconConfiguration.Load(CommonOptions.Source(result));

        var alarm = string.IsNullOrWhiteSpace(url)
            ? SilenceTarget.FromListen(Configuration()["alarm:httpListen"] ?? SilenceTarget.DefaultHttpListen)
            : SilenceTarget.FromOption(url);
        if (!string.IsNullOrWhiteSpace(apiToken))
        {
            var header = AlarmSearchCredentials.ApiTokenHeader(apiToken, out var problem) ?? throw new ConfigurationException([problem]);
            return (alarm, new AlarmSearchCredentials(header, null));
        }

        var adminToken = string.IsNullOrEmpty(token) ? Configuration()["host:adminToken"] : token;
        return (alarm, new AlarmSearchCredentials(null, string.IsNullOrEmpty(adminToken) ? null : adminToken));
    }

    private static Option<string> Text(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName };
}
