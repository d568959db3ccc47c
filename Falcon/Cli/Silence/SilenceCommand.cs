using System.CommandLine;
using System.Net;
using Falcon.Cli.Http;
using Falcon.Roles.Alarm.Silences;
using Falcon.Shared.Silences;

namespace Falcon.Cli.Silence;

/// <summary>`falcon silence add|list|remove`: silence alarms for one recipient through the alarm's HTTP API.</summary>
internal static class SilenceCommand
{
    /// <summary>The alarm's silence API, as the silence commands name it in their messages.</summary>
    public static RoleApi Api { get; } = RoleApis.Alarm with
    {
        Name = "silence API",
        ReplyName = "a silence API reply",
        Explain = static (status, message) => status switch
        {
            HttpStatusCode.Forbidden => $"the alarm refused: {message}. Run this on the alarm host, or pass --token / set host.adminToken to the alarm's host.adminToken",
            HttpStatusCode.NotFound when message.StartsWith("no silence", StringComparison.Ordinal) => message,
            HttpStatusCode.BadRequest => message,
            _ => null,
        },
    };

    /// <summary>--url, --token and --timeout, shared by every silence command.</summary>
    public static RoleApiOptions Connection { get; } = new(
        Api,
        "Alarm HTTP address, http://host:9912 or host:port. Default: alarm.httpListen from the configuration, with a wildcard address (0.0.0.0) reached over 127.0.0.1.",
        "Admin bearer token, needed for add and remove when not running on the alarm host (loopback needs none). Default: host.adminToken from the configuration (or FALCON_HOST__ADMINTOKEN).",
        "Seconds to wait for each answer from the alarm.");

    public static Command Create()
    {
        var silence = new Command(
            "silence",
            "Silence alarms of one counter on one endpoint for one recipient for a while (the fork's 屏蔽). Other recipients still get them. Every alarm instance honours a change within seconds; silences live in Redis and survive restarts. Run these on the alarm host or pass --url and --token.");
        silence.Subcommands.Add(CreateAdd());
        silence.Subcommands.Add(CreateList());
        silence.Subcommands.Add(CreateRemove());
        return silence;
    }

    /// <summary>Runs one silence command's calls; failures become one stderr line ("falcon silence &lt;name&gt;: ...") and exit 1.</summary>
    public static Task<int> RunAsync(ParseResult result, string name, Func<RoleApiClient, Task<int>> action) =>
        Connection.RunAsync(result, $"falcon silence {name}", action);

    private static Command CreateAdd()
    {
        var user = RequiredText("--user", "The recipient to silence, as alarms name them (a user name, or an IM group id).", "user");
        var endpoint = RequiredText("--endpoint", "The endpoint (host) whose alarms to silence; '*' for every endpoint.", "endpoint");
        var counter = RequiredText("--counter", "open-falcon's counter: a metric (cpu.idle, any tags) or metric/tag=value,... (df.bytes.free.percent/mount=/data, only those tags).", "counter");
        var duration = new Option<string>("--for")
        {
            Description = $"How long: {SilenceDuration.Examples} (units s, m, h, d, w). At most alarm.silences.maxDuration (30d by default).",
            DefaultValueFactory = _ => "1h",
            HelpName = "duration",
        };
        duration.Validators.Add(r =>
        {
            if (SilenceDuration.TryParse(r.GetValueOrDefault<string>(), out var problem) is null)
            {
                r.AddError($"--for: {problem}");
            }
        });
        var comment = new Option<string>("--comment") { Description = "Why: shown by 'falcon silence list' and logged.", HelpName = "text" };
        var by = new Option<string>("--by")
        {
            Description = "Who is setting it, for the record. Default: your login name and host (user@host).",
            HelpName = "name",
        };

        var command = new Command("add", "Silence alarms of --counter on --endpoint for --user for --for (1h by default). Setting it again for the same user, endpoint and counter replaces it.")
        {
            user, endpoint, counter, duration, comment, by,
        };
        Connection.AddTo(command);
        command.SetAction((result, ct) => RunAsync(result, "add", async client =>
        {
            var request = new SilenceAddRequest
            {
                User = result.GetValue(user),
                Endpoint = result.GetValue(endpoint),
                Counter = result.GetValue(counter),
                For = result.GetValue(duration),
                Comment = result.GetValue(comment),
                CreatedBy = result.GetValue(by) is { Length: > 0 } name ? name : $"{Environment.UserName}@{Environment.MachineName}",
            };
            var silence = await client.AddAsync(request, ct)
                ?? throw new RoleApiException("the alarm answered without the silence it set");
            await result.InvocationConfiguration.Output.WriteLineAsync(
                $"silenced {silence.Counter} on {silence.Endpoint} for {silence.User} until {SilenceListView.Time(silence.Until)} UTC; id {silence.Id} ('falcon silence remove {silence.Id}' lifts it)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateList()
    {
        var user = new Option<string>("--user") { Description = "Only this recipient's silences.", HelpName = "user" };
        var command = new Command("list", "List the silences in force, soonest to end first, with their ids for 'falcon silence remove'.") { user };
        Connection.AddTo(command);
        command.SetAction((result, ct) => RunAsync(result, "list", async client =>
        {
            var silences = await client.ListAsync(result.GetValue(user), ct);
            await result.InvocationConfiguration.Output.WriteAsync(SilenceListView.Render(silences, DateTimeOffset.UtcNow));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateRemove()
    {
        var id = new Argument<string>("id") { Description = "The silence id (16 hex digits) from 'falcon silence list' or 'falcon silence add'." };
        id.Validators.Add(r =>
        {
            if (!SilenceIds.IsWellFormed(r.GetValueOrDefault<string>()))
            {
                r.AddError($"'{r.GetValueOrDefault<string>()}' is not a silence id: ids are 16 hex digits, as 'falcon silence list' shows");
            }
        });
        var command = new Command("remove", "Lift a silence now: every alarm instance sends that recipient the alarms again within seconds.") { id };
        Connection.AddTo(command);
        command.SetAction((result, ct) => RunAsync(result, "remove", async client =>
        {
            var message = await client.RemoveAsync(result.GetValue(id)!, ct);
            await result.InvocationConfiguration.Output.WriteLineAsync(message ?? "silence removed");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<string> RequiredText(string name, string description, string helpName)
    {
        var option = new Option<string>(name) { Description = description, Required = true, HelpName = helpName };
        option.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()))
            {
                r.AddError($"{name} must not be empty");
            }
        });
        return option;
    }
}
