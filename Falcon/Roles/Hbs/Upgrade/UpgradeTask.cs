using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Falcon.Shared.Model.Agents;
using StackExchange.Redis;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>One pushed upgrade task as stored in Redis (`{prefix}:task`) and copied into each hbs's memory.</summary>
internal sealed record UpgradeTask(
    string Id,
    AgentUpgradeArgs Args,
    IReadOnlySet<string> Canary,
    double CanaryPercent,
    bool AllowDowngrade,
    UpgradeTaskState State,
    DateTimeOffset Created,
    bool CanaryComplete,
    string? Reason)
{
    /// <summary>0 = no canary phase, 1 = an explicit host list, 2 = a percentage of hosts (the script's canary mode).</summary>
    public int CanaryMode => Canary.Count > 0 ? 1 : CanaryPercent > 0 ? 2 : 0;

    /// <summary>Whether <paramref name="hostname"/> is upgraded in the canary phase.</summary>
    public bool IsCanary(string hostname) => CanaryMode switch
    {
        1 => Canary.Contains(hostname),
        2 => CanaryBucket(hostname) < CanaryPercent * 100,
        _ => false,
    };

    /// <summary>A stable 0..9999 bucket of a hostname, the same in every hbs instance and every release.</summary>
    public static int CanaryBucket(string hostname) =>
        (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(hostname)) % 10_000);

    public static UpgradeTask Create(UpgradeTaskRequest request, string id, DateTimeOffset now) => new(
        id,
        new AgentUpgradeArgs
        {
            Type = request.Type,
            WgetUrl = request.WgetUrl!.Trim().TrimEnd('/'),
            Version = request.Version!.Trim(),
            BinFileMd5 = request.BinFileMd5?.Trim().ToLowerInvariant() ?? string.Empty,
            CfgFileMd5 = request.CfgFileMd5?.Trim().ToLowerInvariant() ?? string.Empty,
            BinFileSha256 = NullIfEmpty(request.BinFileSha256?.Trim().ToLowerInvariant()),
            CfgFileSha256 = NullIfEmpty(request.CfgFileSha256?.Trim().ToLowerInvariant()),
            BinFile = NullIfEmpty(request.BinFile?.Trim()),
            BinFileSig = NullIfEmpty(request.BinFileSig?.Trim()),
        },
        (request.Canary ?? []).Select(h => h.Trim()).Where(h => h.Length > 0).ToHashSet(StringComparer.Ordinal),
        request.CanaryPercent ?? 0,
        request.AllowDowngrade,
        UpgradeTaskState.Running,
        now,
        CanaryComplete: false,
        Reason: null);

    /// <summary>The task hash's fields as the push script writes them.</summary>
    public RedisValue[] ToHashFields() =>
    [
        "id", Id,
        "state", StateName(State),
        "args", JsonSerializer.Serialize(Args, AgentJsonContext.Default.AgentUpgradeArgs),
        "canary", JsonSerializer.Serialize(Canary.Order(StringComparer.Ordinal).ToArray(), UpgradeJsonContext.Default.StringArray),
        "canary_percent", CanaryPercent.ToString("R", CultureInfo.InvariantCulture),
        "allow_downgrade", AllowDowngrade ? "1" : "0",
        "created", Created.ToUnixTimeMilliseconds(),
        "ok", 0,
        "bad", 0,
        "canary_done", 0,
    ];

    /// <summary>Reads the task hash; null when there is none or it cannot be read (written by a newer Falcon, say).</summary>
    public static UpgradeTask? FromHash(IReadOnlyDictionary<string, string> hash)
    {
        if (!hash.TryGetValue("id", out var id) || !hash.TryGetValue("args", out var argsJson) || !TryParseState(hash.GetValueOrDefault("state"), out var state))
        {
            return null;
        }

        try
        {
            var args = JsonSerializer.Deserialize(argsJson, AgentJsonContext.Default.AgentUpgradeArgs);
            var canary = hash.TryGetValue("canary", out var canaryJson) && canaryJson.Length > 0
                ? JsonSerializer.Deserialize(canaryJson, UpgradeJsonContext.Default.StringArray) ?? []
                : [];
            if (args is null)
            {
                return null;
            }

            return new UpgradeTask(
                id,
                args,
                canary.ToHashSet(StringComparer.Ordinal),
                double.TryParse(hash.GetValueOrDefault("canary_percent"), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) ? percent : 0,
                hash.GetValueOrDefault("allow_downgrade") == "1",
                state,
                DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse(hash.GetValueOrDefault("created"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var created) ? created : 0),
                hash.GetValueOrDefault("canary_complete") == "1",
                hash.GetValueOrDefault("reason"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string StateName(UpgradeTaskState state) => state switch
    {
        UpgradeTaskState.Running => "running",
        UpgradeTaskState.Paused => "paused",
        _ => "cancelled",
    };

    private static bool TryParseState(string? text, out UpgradeTaskState state)
    {
        (var known, state) = text switch
        {
            "running" => (true, UpgradeTaskState.Running),
            "paused" => (true, UpgradeTaskState.Paused),
            "cancelled" => (true, UpgradeTaskState.Cancelled),
            _ => (false, UpgradeTaskState.Cancelled),
        };
        return known;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
