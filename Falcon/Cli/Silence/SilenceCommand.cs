using System.CommandLine;
using Falcon.Hosting;
using Falcon.Roles.Alarm.Silences;
using Falcon.Shared.Silences;

namespace Falcon.Cli.Silence;

/// <summary>`falcon silence add|list|remove`: silence alarms for one recipient through the alarm's HTTP API.</summary>
internal static class SilenceCommand
{
    public static Option<string> Url { get; } = new("--url")
    {
        Description = "Alarm HTTP address, http://host:9912 or host:port. Default: alarm.httpListen from the configuration, with a wildcard address (0.0.0.0) reached over 127.0.0.1.",
        HelpName = "url",
    };

    public static Option<string> Token { get; } = new("--token")
    {
        Description = "Admin bearer token, needed for add and remove when not running on the alarm host (loopback needs none). Default: host.adminToken from the configuration (or FALCON_HOST__ADMINTOKEN).",
        HelpName = "token",
    };

    public static Option<int> Timeout { get; } = CreateTimeout();

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

    /// <summary>Resolves the alarm address, runs <paramref name="action"/>, and turns failures into one stderr line and exit 1.</summary>
    public static async Task<int> RunAsync(ParseResult result, string name, Func<SilenceClient, Task<int>> action)
    {
        var error = result.InvocationConfiguration.Error;
        SilenceTarget target;
        try
        {
            target = SilenceTarget.Resolve(result, result.GetValue(Url), result.GetValue(Token), result.GetValue(Timeout));
        }
        catch (ConfigurationException e)
        {
            FalconHost.WriteProblems(error, e.Problems);
            return ExitCodes.Failed;
        }

        using var client = new SilenceClient(target);
        try
        {
            return await action(client);
        }
        catch (SilenceClientException e)
        {
            await error.WriteLineAsync($"falcon silence {name}: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    private static void AddConnectionOptions(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Token);
        command.Options.Add(Timeout);
        CommonOptions.AddTo(command);
    }

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
        AddConnectionOptions(command);
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
                ?? throw new SilenceClientException("the alarm answered without the silence it set");
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
        AddConnectionOptions(command);
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
        AddConnectionOptions(command);
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

    private static Option<int> CreateTimeout()
    {
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for each answer from the alarm.",
            DefaultValueFactory = _ => 10,
            HelpName = "seconds",
        };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 600)
            {
                r.AddError("--timeout must be between 1 and 600 seconds");
            }
        });
        return timeout;
    }
}
