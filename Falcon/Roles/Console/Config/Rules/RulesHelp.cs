using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// What each field of a strategy or expression means, with examples: answered by `GET /api/rules/help` for the forms,
/// and quoted by the validation messages, so a refusal says how to write the field.
/// </summary>
internal sealed class RulesHelp
{
    public static RulesHelp Instance { get; } = new();

    public IReadOnlyList<FieldExample> Func { get; } =
    [
        new("all", "all(#3)", "true when the last 3 values all pass the comparison"),
        new("max", "max(#3)", "true when the largest of the last 3 values passes"),
        new("min", "min(#3)", "true when the smallest of the last 3 values passes"),
        new("avg", "avg(#3)", "true when the average of the last 3 values passes"),
        new("sum", "sum(#3)", "true when the sum of the last 3 values passes"),
        new("diff", "diff(#3)", "true when the newest value minus any of the 3 values before it passes"),
        new("pdiff", "pdiff(#3)", "as diff, in percent of the older value: (newest - older) / older * 100"),
        new("lookup", "lookup(#2,3)", "true when at least 2 of the last 3 values pass"),
        new("stddev", "stddev(#10)", "true when the newest value lies more than rightValue standard deviations from the mean of the last 10 (op is not used)"),
        new("kdiff", "kdiff(#2,3)", "true when each of the 3 newest values minus each of the 2 oldest of the last 5 passes"),
        new("kpdiff", "kpdiff(#2,3)", "as kdiff, in percent of the newer value"),
    ];

    public IReadOnlyList<FieldExample> Op { get; } =
    [
        new("==", "== 0", "equal (within 0.0001)"),
        new("!=", "!= 0", "not equal (by more than 0.0001)"),
        new("<", "< 10", "below"),
        new("<=", "<= 10", "below or equal"),
        new(">", "> 90", "above"),
        new(">=", ">= 90", "above or equal"),
    ];

    public string Metric { get; } = "the metric the strategy judges, as agents push it, e.g. cpu.idle or df.bytes.free.percent (at most 128 characters)";

    public string Tags { get; } = "tags a series must carry, k=v separated by commas, e.g. mount=/,fstype=ext4; empty: every series of the metric (at most 256 characters)";

    public string RightValue { get; } = "the threshold the function's result is compared with: a number such as 90, 0.5 or -1";

    public string MaxStep { get; } = "how many times a problem is notified at most while it lasts (1 or more; e.g. 3: the first three judgements that fail alarm, later ones stay quiet until it recovers)";

    public string Priority { get; } = "0 (most urgent) to 5; the alarm role routes by it: low numbers go out at once and by phone where configured, high ones are merged";

    public string RunWindow { get; } = "runBegin and runEnd as HH:MM (local time of hbs), e.g. 00:00 and 08:00 to judge only at night; 22:00 to 06:00 crosses midnight; both empty: always";

    public string Note { get; } = "a note shown in the alarm message (at most 128 characters for a strategy, 1024 for an expression)";

    public string Expression { get; } = "each(metric=<m> k=v ...): judges every series of the metric carrying the tags, e.g. each(metric=cpu.idle endpoint=web-1) or each(metric=qps project=shop)";

    /// <summary>The names of every function the judge evaluates (for the func message).</summary>
    public static string FunctionNames => string.Join(", ", FunctionText.Names);

    public FieldExample? FunctionNamed(string name) => Func.FirstOrDefault(f => f.Name == name);
}
