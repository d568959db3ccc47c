using System.CommandLine;
using System.Globalization;
using Falcon.Cli.Http;
using Falcon.Roles.Aggregator;
using Falcon.Roles.Aggregator.Http;

namespace Falcon.Cli.Aggregate;

/// <summary>`falcon aggregate list|preview`: what an aggregator instance owns, and one definition computed now.</summary>
internal static class AggregateCommand
{
    /// <summary>--url, --token and --timeout for the aggregator's HTTP API.</summary>
    public static RoleApiOptions Connection { get; } = new(
        RoleApis.Aggregator,
        "Aggregator HTTP address, http://host:6055 or host:port. Default: aggregator.httpListen from the configuration, a wildcard address (0.0.0.0) reached over 127.0.0.1.",
        "Admin bearer token (not needed for these read-only calls). Default: host.adminToken from the configuration.",
        "Seconds to wait for the aggregator (a preview of a large group queries the TSDB).");

    private static readonly Option<bool> Json = new("--json") { Description = "Print the API's JSON as is." };

    public static Command Create()
    {
        var command = new Command("aggregate", "Group-level aggregates: list what one aggregator instance owns with the last result of each, or compute one definition now without pushing it.");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreatePreview());
        return command;
    }

    private static Command CreateList()
    {
        var list = new Command("list", "The definitions this aggregator instance owns (each instance owns a share), with their last step, coverage and values, and the rows it skipped.");
        AddOptions(list);
        list.SetAction((result, ct) => RunAsync(result, "list", async (client, output) =>
        {
            var (view, body) = await Read(client, "aggregates", AggregatorJsonContext.Default.OwnedDefinitionsView, ct);
            if (result.GetValue(Json))
            {
                await output.WriteLineAsync(body);
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync($"instance {view.Instance}; live: {string.Join(", ", view.LiveInstances)}");
            foreach (var d in view.Definitions)
            {
                await output.WriteLineAsync($"{d.Key}  {d.Target}  {d.Reads}  every {d.Step}s -> {d.Endpoint} {d.Metric}");
                await WriteResultAsync(output, d.LastResult);
            }

            foreach (var p in view.Skipped)
            {
                await output.WriteLineAsync($"skipped {p.Key}: {p.Problem}");
            }

            return ExitCodes.Ok;
        }));
        return list;
    }

    private static Command CreatePreview()
    {
        var id = new Argument<string?>("id") { Description = "A definition key as `list` shows it (cluster:12, aggregate:5, poly:3); or give --counter and --group.", Arity = ArgumentArity.ZeroOrOne };
        var counter = new Option<string>("--counter") { Description = "Ad hoc: the counter, metric or metric/k=v,...", HelpName = "counter" };
        var group = new Option<string>("--group") { Description = "Ad hoc: the host group name.", HelpName = "group" };
        var methods = new Option<string>("--methods") { Description = "Ad hoc: methods, e.g. sum,avg,p99 (default all).", HelpName = "list" };
        var step = new Option<int?>("--step") { Description = "Ad hoc: the step in seconds (default 60).", HelpName = "seconds" };
        var preview = new Command("preview", "Compute one definition now for the newest closed step and print the points it would push (nothing is pushed).");
        preview.Arguments.Add(id);
        preview.Options.Add(counter);
        preview.Options.Add(group);
        preview.Options.Add(methods);
        preview.Options.Add(step);
        AddOptions(preview);
        preview.SetAction((result, ct) => RunAsync(result, "preview", async (client, output) =>
        {
            var path = result.GetValue(id) is { Length: > 0 } key
                ? $"aggregates/preview?id={Uri.EscapeDataString(key)}"
                : $"aggregates/preview?counter={Uri.EscapeDataString(result.GetValue(counter) ?? "")}&group={Uri.EscapeDataString(result.GetValue(group) ?? "")}"
                    + (result.GetValue(methods) is { Length: > 0 } m ? $"&methods={Uri.EscapeDataString(m)}" : "")
                    + (result.GetValue(step) is { } s ? $"&step={s.ToString(CultureInfo.InvariantCulture)}" : "");
            var (view, body) = await Read(client, path, AggregatorJsonContext.Default.PreviewView, ct);
            if (result.GetValue(Json))
            {
                await output.WriteLineAsync(body);
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync($"{view.Definition.Key}  {view.Definition.Target}  {view.Definition.Reads}  look-back {view.Definition.LookbackSeconds}s");
            await WriteResultAsync(output, view.Result);
            return ExitCodes.Ok;
        }));
        return preview;
    }

    private static async Task WriteResultAsync(TextWriter output, ResultView? r)
    {
        if (r is null)
        {
            await output.WriteLineAsync("  (no result yet)");
            return;
        }

        var when = DateTimeOffset.FromUnixTimeSeconds(r.Step).ToString("u", CultureInfo.InvariantCulture);
        await output.WriteLineAsync($"  step {when}: {r.Contributed}/{r.TargetHosts} hosts{(r.StaleHostList ? ", stale host list" : "")}{(r.Note is null ? "" : ", " + r.Note)}");
        foreach (var p in r.Points)
        {
            await output.WriteLineAsync($"    {p.Endpoint} {p.Metric}{(p.Tags.Length > 0 ? "/" + p.Tags : "")} = {p.Value.ToString("G17", CultureInfo.InvariantCulture)}");
        }
    }

    private static void AddOptions(Command command)
    {
        Connection.AddTo(command);
        command.Options.Add(Json);
    }

    private static async Task<(T Reply, string Body)> Read<T>(
        RoleApiClient client, string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> replyType, CancellationToken cancellationToken)
    {
        var (reply, body) = await client.SendAsync(HttpMethod.Get, path, null, replyType, cancellationToken);
        return (reply ?? throw client.NotAReply(body, null), body);
    }

    private static Task<int> RunAsync(ParseResult result, string name, Func<RoleApiClient, TextWriter, Task<int>> action) =>
        Connection.RunAsync(result, $"falcon aggregate {name}", client => action(client, result.InvocationConfiguration.Output));
}
