using System.Globalization;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Model.Strategies;
using MySqlConnector;

namespace Falcon.Roles.Alarm.DryRun;

internal sealed partial class DryRunEventSource
{
    /// <summary>The event of an expression on an endpoint, or null when there is no such expression.</summary>
    public async Task<DryRunSubject?> ForExpressionAsync(long expressionId, string endpoint, CancellationToken cancellationToken)
    {
        await using var portal = await databases.Portal.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT expression, func, op, right_value, max_step, priority, note, action_id, pause FROM expression WHERE id = @id", portal);
        command.Parameters.AddWithValue("@id", expressionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var notes = new List<string>();
        var text = reader.GetString(0);
        var (metric, tags) = ParseExpression(text);
        if (metric.Length == 0)
        {
            notes.Add($"'{text}' is not an expression hbs reads (each(metric=... k=v)): judge gets no such expression");
        }

        if (Int(reader, 8) != 0)
        {
            notes.Add("the expression is paused: judge gets no such expression");
        }

        if (!double.TryParse(reader.GetString(3), NumberStyles.Float, CultureInfo.InvariantCulture, out var right))
        {
            notes.Add($"the threshold '{reader.GetString(3)}' is not a number");
        }

        var expression = new Expression
        {
            Id = expressionId,
            Metric = metric,
            Tags = tags,
            Func = reader.GetString(1),
            Operator = reader.GetString(2),
            RightValue = right,
            MaxStep = Int(reader, 4),
            Priority = Int(reader, 5),
            Note = reader.GetString(6),
            ActionId = Long(reader, 7),
        };
        var pushed = TagSet.From(tags.Where(static t => t.Key != "endpoint"));
        var e = new JudgeEvent
        {
            Id = EventIds.ForExpression(expressionId, SeriesKey.Md5Hex(endpoint, metric, pushed)),
            Expression = expression,
            Status = JudgeEventStatus.Problem,
            Endpoint = endpoint,
            LeftValue = right,
            CurrentStep = 1,
            EventTime = timeProvider.GetUtcNow().ToUnixTimeSeconds(),
            PushedTags = pushed,
        };
        return new DryRunSubject(e, "", notes);
    }

    // hbs's reading of expression.expression: the k=v items between the parentheses, metric= apart.
    private static (string Metric, TagSet Tags) ParseExpression(string text)
    {
        var left = text.IndexOf('(', StringComparison.Ordinal);
        var right = text.IndexOf(')', StringComparison.Ordinal);
        if (right < left + 1)
        {
            return ("", TagSet.Empty);
        }

        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in text[(left + 1)..right].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                pairs[item[..equals]] = item[(equals + 1)..];
            }
        }

        return pairs.Remove("metric", out var metric) ? (metric, TagSet.From(pairs)) : ("", TagSet.Empty);
    }
}
