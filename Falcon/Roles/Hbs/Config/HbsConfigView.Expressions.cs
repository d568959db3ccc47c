using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Hbs.Config;

internal sealed partial class HbsConfigView
{
    private readonly ExpressionsResponse _expressions;

    /// <summary>`Hbs.GetExpressions`: the expressions with an action that are not paused and parse, ordered by id.</summary>
    public ExpressionsResponse GetExpressions() => _expressions;

    private static Expression[] PrepareExpressions(IReadOnlyList<PortalExpression> rows)
    {
        var expressions = new List<Expression>(rows.Count);
        foreach (var row in rows.OrderBy(static r => r.Id))
        {
            // As in Go, a row whose text does not parse or whose right value is not a float64 is skipped; a
            // non-finite value is skipped too, since Go's JSON encoder would fail the whole reply on it.
            if (!ExpressionText.TryParse(row.Expression, out var metric, out var tags)
                || !GoStrconv.TryParseFloat(row.RightValue, out var rightValue) || !double.IsFinite(rightValue))
            {
                continue;
            }

            expressions.Add(new Expression
            {
                Id = row.Id,
                Metric = metric,
                Tags = tags,
                Func = row.Func,
                Operator = row.Operator,
                RightValue = rightValue,
                MaxStep = row.MaxStep,
                Priority = row.Priority,
                Note = row.Note,
                ActionId = row.ActionId,
            });
        }

        return [.. expressions];
    }
}
