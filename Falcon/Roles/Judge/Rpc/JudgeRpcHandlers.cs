using System.Text.Json;
using Falcon.Roles.Judge.Matching;
using Falcon.Roles.Judge.Sync;
using Falcon.Shared.Judging;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Judge.Rpc;

/// <summary>Falcon's judge protocol (<see cref="JudgeRpc"/>): points in from transfers, and the metrics worth sending.</summary>
internal sealed class JudgeRpcHandlers(IJudgeFeed feed, IJudgeRulesSource rules, RuleSync sync, ILogger<JudgeRpcHandlers> logger)
{
    public ValueTask SendAsync(JsonElement param, Utf8JsonWriter result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        List<JudgeItem> items = [];
        var invalid = 0;
        string? firstError = null;
        if (param.ValueKind != JsonValueKind.Undefined)
        {
            try
            {
                items = JudgeItemJson.ReadArray(param, out invalid, out firstError);
            }
            catch (FormatException ex)
            {
                throw new JsonRpcRefusedException(ex.Message);
            }
        }

        if (invalid > 0)
        {
            Log.InvalidItems(logger, invalid, firstError!);
        }

        var dropped = feed.Enqueue(items);
        result.WriteStartObject();
        result.WriteNumber("code"u8, 0);
        result.WriteNumber("invalid"u8, invalid);
        result.WriteNumber("dropped"u8, dropped);
        result.WriteEndObject();
        return ValueTask.CompletedTask;
    }

    public static ValueTask PingAsync(JsonElement param, Utf8JsonWriter result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        result.WriteStartObject();
        result.WriteNumber("code"u8, 0);
        result.WriteEndObject();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The metrics in use; <c>known</c> is false until the first sync, and then transfers should send everything. A
    /// transfer routing by a ring says in the call which node this judge is on it (<see cref="JudgeShareJson"/>).
    /// </summary>
    public ValueTask MetricsAsync(JsonElement param, Utf8JsonWriter result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (JudgeShareJson.TryRead(param, out var share, out var error))
        {
            if (share is not null)
            {
                feed.AssignShare(share);
            }
        }
        else
        {
            throw new JsonRpcRefusedException(error!);
        }

        result.WriteStartObject();
        result.WriteBoolean("known"u8, sync.LastSuccess is not null);
        result.WriteStartArray("metrics"u8);
        foreach (var metric in rules.Current.Metrics)
        {
            result.WriteStringValue(metric);
        }

        result.WriteEndArray();
        result.WriteEndObject();
        return ValueTask.CompletedTask;
    }
}
