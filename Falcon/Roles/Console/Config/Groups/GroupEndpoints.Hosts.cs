using Falcon.Roles.Console.Auth;
using Microsoft.AspNetCore.Http;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Groups;

internal sealed partial class GroupEndpoints
{
    private static readonly string[] HostTables = ["host"];

    private const string HostsShape = "{\"hosts\":[\"h1\",\"h2\"],\"pattern\":\"web-*\"}";

    /// <summary>
    /// Adds hosts by name (creating host rows for names not known yet, as open-falcon's api did) and every known host
    /// matching the pattern; answers which were added and which were members already.
    /// </summary>
    public async Task<IResult> AddHostsAsync(HttpContext context, ConsoleCaller caller)
    {
        var (request, refusal) = await JsonBody.ReadAsync(context, GroupsJsonContext.Default.GroupHostsRequest, HostsShape);
        if (refusal is not null)
        {
            return refusal;
        }

        var (names, pattern) = Validate(request!);
        var cancellationToken = context.RequestAborted;
        var added = new List<string>();
        var already = new List<string>();
        var result = await ChangeAsync(context, caller, JsonBody.Route(context, "name"), "update", async (document, connection, transaction) =>
        {
            // A 4-byte name compared with a utf8 column is an error, not a miss: refuse it on the field first.
            var fourByte = await databases.Portal.HoldsFourByteAsync(HostTables, cancellationToken);
            foreach (var name in names)
            {
                ConfigText.FitsColumn("hosts", name, fourByte, "the hostname");
            }

            // Known hosts under their stored spelling; new names as given.
            var known = await GroupKind.HostIdsAsync(connection, transaction, names, cancellationToken);
            var spelled = known.Keys.ToDictionary(static k => k, static k => k, StringComparer.OrdinalIgnoreCase);
            var wanted = names.Select(n => spelled.GetValueOrDefault(n, n)).ToList();
            if (pattern is not null)
            {
                var matches = await MatchKnownHostsAsync(connection, transaction, pattern, cancellationToken);
                if (matches.Count == 0 && names.Count == 0)
                {
                    throw new ConfigValidationException("pattern", $"no known host matches '{pattern}' (* is any run of characters, ? one character)");
                }

                wanted.AddRange(matches);
            }

            var members = new HashSet<string>(document.Hosts, StringComparer.OrdinalIgnoreCase);
            foreach (var host in wanted.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                (members.Add(host) ? added : already).Add(host);
            }

            return Replace(document, hosts: [.. document.Hosts, .. added]);
        }, summary: "");
        return result is IStatusCodeHttpResult { StatusCode: 200 }
            ? Results.Json(new GroupHostsChange { Added = Sorted(added), Already = Sorted(already) }, GroupsJsonContext.Default.GroupHostsChange)
            : result;
    }

    /// <summary>Removes hosts by name and every member matching the pattern; answers which were removed.</summary>
    public async Task<IResult> RemoveHostsAsync(HttpContext context, ConsoleCaller caller)
    {
        var (request, refusal) = await JsonBody.ReadAsync(context, GroupsJsonContext.Default.GroupHostsRequest, HostsShape);
        if (refusal is not null)
        {
            return refusal;
        }

        var (names, pattern) = Validate(request!);
        var removed = new List<string>();
        var result = await ChangeAsync(context, caller, JsonBody.Route(context, "name"), "update", (document, _, _) =>
        {
            var named = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
            var regex = pattern is null ? null : HostGlob.ToRegex(pattern);
            removed.AddRange(document.Hosts.Where(h => named.Contains(h) || (regex?.IsMatch(h) ?? false)));
            return Task.FromResult(Replace(document, hosts: [.. document.Hosts.Except(removed, StringComparer.Ordinal)]));
        });
        return result is IStatusCodeHttpResult { StatusCode: 200 }
            ? Results.Json(new GroupHostsChange { Removed = Sorted(removed) }, GroupsJsonContext.Default.GroupHostsChange)
            : result;
    }

    private static (IReadOnlyList<string> Names, string? Pattern) Validate(GroupHostsRequest request)
    {
        var names = (request.Hosts ?? []).Select(h => ConfigText.Name("hosts", h, "a hostname")).ToArray();
        var pattern = string.IsNullOrEmpty(request.Pattern) ? null : HostGlob.Validate(request.Pattern);
        if (names.Length == 0 && pattern is null)
        {
            throw new ConfigValidationException("hosts", "name hosts in \"hosts\", or give a \"pattern\" such as web-*");
        }

        return (names, pattern);
    }

    private static async Task<List<string>> MatchKnownHostsAsync(MySqlConnection connection, MySqlTransaction transaction, string pattern, CancellationToken cancellationToken)
    {
        var matches = new List<string>();
        await using var command = new MySqlCommand("SELECT hostname FROM host WHERE hostname LIKE @like ORDER BY hostname LIMIT @limit", connection, transaction);
        command.Parameters.AddWithValue("@like", HostGlob.ToLike(pattern));
        command.Parameters.AddWithValue("@limit", HostGlob.MaxMatches + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            matches.Add(reader.GetString(0));
        }

        if (matches.Count > HostGlob.MaxMatches)
        {
            throw new ConfigValidationException("pattern", $"'{pattern}' matches more than {HostGlob.MaxMatches} known hosts; narrow it (a longer prefix), or add the hosts in parts");
        }

        return matches;
    }

    private static string[] Sorted(List<string> values) => [.. values.Order(StringComparer.Ordinal)];
}
