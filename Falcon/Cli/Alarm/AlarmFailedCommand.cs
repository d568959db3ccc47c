using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Falcon.Hosting;
using Falcon.Roles.Alarm.Delivery;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Falcon.Shared.Configuration;
using Falcon.Hosting.Configuration;

namespace Falcon.Cli.Alarm;

/// <summary>`falcon alarm failed [--replay] [--id ...] [--json]`: list the final-failure queue, or put its messages back for another round.</summary>
internal static class AlarmFailedCommand
{
    public static Command Create()
    {
        var replay = new Option<bool>("--replay")
        {
            Description = "Put the listed messages back in the failure queue, due now: a running alarm role gives each one more round (primary and backup, as configured now) within alarm.delivery.pollInterval. A message that fails again returns here.",
        };
        var ids = new Option<string[]>("--id")
        {
            Description = "Only this message id (repeatable). Default: every message in the final-failure queue.",
            HelpName = "message-id",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print the messages as a JSON array (with their content and buttons) instead of a table.",
        };
        var limit = new Option<int>("--limit")
        {
            Description = "List at most this many messages, oldest failure first.",
            DefaultValueFactory = _ => 1000,
            HelpName = "count",
        };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1_000_000)
            {
                r.AddError("--limit must be between 1 and 1000000");
            }
        });

        var command = new Command(
            "failed",
            "List alarm messages that failed every delivery round (the final-failure queue in Redis; its size is the metric falcon.alarm.delivery.final_failure_queue), or replay them with --replay. Reads redis.connection and alarm.delivery.keyPrefix from the configuration.");
        command.Options.Add(replay);
        command.Options.Add(ids);
        command.Options.Add(json);
        command.Options.Add(limit);
        CommonOptions.AddTo(command);
        command.SetAction((result, ct) => RunAsync(result, result.GetValue(replay), result.GetValue(ids) ?? [], result.GetValue(json), result.GetValue(limit), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, bool replay, string[] ids, bool json, int limit, CancellationToken cancellationToken)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        ServiceProvider provider;
        FailureStore store;
        try
        {
            var configuration = FalconConfiguration.Load(CommonOptions.Source(result));
            provider = new ServiceCollection()
                .AddSingleton<IConfiguration>(configuration)
                .AddLogging(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error))
                .AddFalconRedis()
                .BuildServiceProvider();
            var prefix = configuration["alarm:delivery:keyPrefix"];
            store = new FailureStore(
                provider.GetRequiredService<RedisConnection>(),
                new DeliveryKeys(string.IsNullOrWhiteSpace(prefix) ? new DeliveryOptions().KeyPrefix : prefix));
        }
        catch (Exception e) when (ConfigurationProblems.TryExtract(e, out var problems))
        {
            FalconHost.WriteProblems(error, problems);
            return ExitCodes.Failed;
        }

        await using (provider)
        {
            try
            {
                return replay
                    ? await ReplayAsync(store, ids, output, cancellationToken)
                    : await ListAsync(store, ids, json, limit, output, cancellationToken);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                await error.WriteLineAsync($"falcon alarm failed: Redis: {e.Message}");
                return ExitCodes.Failed;
            }
        }
    }

    private static async Task<int> ReplayAsync(FailureStore store, string[] ids, TextWriter output, CancellationToken cancellationToken)
    {
        var moved = await store.ReplayAsync(ids, DateTimeOffset.UtcNow, cancellationToken);
        await output.WriteLineAsync(moved == 0
            ? "nothing to replay"
            : $"replaying {moved} message(s): a running alarm role sends each once more; one that fails again returns to this list");
        return ExitCodes.Ok;
    }

    private static async Task<int> ListAsync(FailureStore store, string[] ids, bool json, int limit, TextWriter output, CancellationToken cancellationToken)
    {
        var records = (await store.ListFinalAsync(limit, cancellationToken))
            .Where(r => ids.Length == 0 || ids.Contains(r.Message.Id, StringComparer.Ordinal))
            .ToList();
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(records, DeliveryJsonContext.Default.ListDeliveryRecord));
            return ExitCodes.Ok;
        }

        var (failed, final) = await store.CountAsync(cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"final failures: {final}, waiting for another round: {failed}"));
        if (records.Count == 0)
        {
            return ExitCodes.Ok;
        }

        await output.WriteLineAsync("FAILED AT (UTC)       CHANNEL  ROUNDS  ID                                    SUBJECT / LAST ERROR");
        foreach (var r in records)
        {
            var subject = string.IsNullOrWhiteSpace(r.Message.Subject) ? FirstLine(r.Message.Content) : r.Message.Subject;
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{r.LastFailedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}   {DeliveryMetrics.Name(r.Message.Channel),-7}  {r.Rounds,6}  {r.Message.Id,-36}  {subject}"));
            await output.WriteLineAsync($"{new string(' ', 74)}{r.LastError}");
        }

        return ExitCodes.Ok;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
