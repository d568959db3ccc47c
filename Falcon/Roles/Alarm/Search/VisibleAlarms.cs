namespace Falcon.Roles.Alarm.Search;

/// <summary>
/// Which cases a caller may see, in the terms event_cases has: a strategy's case carries its template_id, an
/// expression's its expression_id (open-falcon routes by the expression's action, else the template's).
/// </summary>
internal sealed record VisibleAlarms(bool All, IReadOnlyList<long> TemplateIds, IReadOnlyList<long> ExpressionIds)
{
    public static VisibleAlarms Everything { get; } = new(true, [], []);

    public bool None => !All && TemplateIds.Count == 0 && ExpressionIds.Count == 0;
}
