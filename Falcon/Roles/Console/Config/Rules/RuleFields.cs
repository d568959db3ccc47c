using System.Text.RegularExpressions;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// The rules a strategy's or expression's fields must keep, taken from the code that reads them later: the judge's
/// function parser (<see cref="FunctionText"/>) and operators (<see cref="JudgeOperators"/>), hbs's right value
/// (<see cref="GoStrconv"/>, finite), tags (<see cref="StrategyTags"/>) and run window ("HH:MM" compared as text,
/// <see cref="RunWindow"/>), and the widths of open-falcon's columns. Each refusal names the field and says how to
/// write it.
/// </summary>
internal static partial class RuleFields
{
    public const int MetricMax = 128;
    public const int TagsMax = 256;
    public const int FuncMax = 16;
    public const int OpMax = 8;
    public const int StrategyRightValueMax = 64;
    public const int ExpressionRightValueMax = 16;
    public const int StrategyNoteMax = 128;
    public const int ExpressionNoteMax = 1024;
    public const int RunMax = 16;
    public const int PriorityMax = 5;

    private static readonly RulesHelp Help = RulesHelp.Instance;

    /// <summary>Trims and checks every field of <paramref name="s"/> in place.</summary>
    public static void CheckStrategy(StrategyDocument s)
    {
        ArgumentNullException.ThrowIfNull(s);
        s.Metric = CheckMetric(s.Metric);
        s.Tags = CheckTags(s.Tags);
        (s.Func, s.Op, s.RightValue) = CheckJudgement(s.Func, s.Op, s.RightValue, StrategyRightValueMax);
        CheckMaxStepAndPriority(s.MaxStep, s.Priority);
        (s.RunBegin, s.RunEnd) = CheckRunWindow(s.RunBegin, s.RunEnd);
        s.Note = CheckLength("note", s.Note ?? "", StrategyNoteMax, Help.Note);
    }

    public static string CheckMetric(string? metric)
    {
        var m = (metric ?? "").Trim();
        if (m.Length == 0)
        {
            throw new ConfigValidationException("metric", $"metric is empty: {Help.Metric}");
        }

        if (m.Any(static c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ConfigValidationException("metric", $"metric '{m}' holds a space or control character, which no agent pushes: {Help.Metric}");
        }

        return CheckLength("metric", m, MetricMax, Help.Metric);
    }

    /// <summary>`k=v,k2=v2` with spaces around keys and values removed (hbs keeps them, and pushed tags never carry them).</summary>
    public static string CheckTags(string? tags)
    {
        var text = (tags ?? "").Trim();
        if (text.Length == 0)
        {
            return "";
        }

        var parts = text.Split(',');
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? "" : part[..equals].Trim();
            var value = equals < 0 ? "" : part[(equals + 1)..].Trim();
            if (key.Length == 0 || value.Length == 0)
            {
                throw new ConfigValidationException("tags", $"tags: '{part.Trim()}' is not k=v (hbs would drop it and the strategy would judge more series than meant): {Help.Tags}");
            }

            if (!keys.Add(key))
            {
                throw new ConfigValidationException("tags", $"tags: the key '{key}' is given twice (only the last would count): {Help.Tags}");
            }

            parts[i] = key + "=" + value;
        }

        var normal = string.Join(',', parts);
        // hbs's own reading must see every pair we accepted.
        if (StrategyTags.Parse(normal).Count != parts.Length)
        {
            throw new ConfigValidationException("tags", $"tags '{text}' do not read back as {parts.Length} k=v pairs: {Help.Tags}");
        }

        return CheckLength("tags", normal, TagsMax, Help.Tags);
    }

    /// <summary>The function, operator and right value, trimmed; refused unless the judge evaluates them.</summary>
    public static (string Func, string Op, string RightValue) CheckJudgement(string? func, string? op, string? rightValue, int rightValueMax)
    {
        var f = (func ?? "").Trim();
        var o = (op ?? "").Trim();
        var r = (rightValue ?? "").Trim();
        CheckFunc(f);
        if (o.Length > OpMax || JudgeOperators.Parse(o) == JudgeOperator.Unknown)
        {
            throw new ConfigValidationException("op", $"op '{o}' is not an operator the judge knows: use one of {string.Join(", ", Help.Op.Select(static x => x.Name))} (e.g. {Help.Op[2].Example}: {Help.Op[2].Meaning})");
        }

        if (r.Length == 0 || !GoStrconv.TryParseFloat(r, out var value) || !double.IsFinite(value))
        {
            throw new ConfigValidationException("rightValue", $"rightValue '{r}' is not a number: {Help.RightValue}");
        }

        CheckLength("rightValue", r, rightValueMax, Help.RightValue);
        return (f, o, r);
    }

    public static void CheckMaxStepAndPriority(int maxStep, int priority)
    {
        if (maxStep < 1)
        {
            throw new ConfigValidationException("maxStep", $"maxStep {maxStep} must be 1 or more: {Help.MaxStep}");
        }

        if (priority is < 0 or > PriorityMax)
        {
            throw new ConfigValidationException("priority", $"priority {priority} must be 0 to {PriorityMax}: {Help.Priority}");
        }
    }

    /// <summary>Both empty (always), or both "HH:MM": hbs compares them as text with the local "HH:MM" of the minute.</summary>
    public static (string Begin, string End) CheckRunWindow(string? runBegin, string? runEnd)
    {
        var begin = (runBegin ?? "").Trim();
        var end = (runEnd ?? "").Trim();
        foreach (var (field, value) in new[] { ("runBegin", begin), ("runEnd", end) })
        {
            if (value.Length > 0 && !Clock().IsMatch(value))
            {
                throw new ConfigValidationException(field, $"{field} '{value}' is not a time of day HH:MM from 00:00 to 23:59: {Help.RunWindow}");
            }
        }

        if ((begin.Length == 0) != (end.Length == 0))
        {
            throw new ConfigValidationException(begin.Length == 0 ? "runBegin" : "runEnd", $"give both runBegin and runEnd, or neither: {Help.RunWindow}");
        }

        return (begin, end);
    }

    /// <summary>An object's name, used in URLs: trimmed, not empty, no '/' or control characters, at most <paramref name="max"/>.</summary>
    public static string CheckName(string? name, string what, string example, int max)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw new ConfigValidationException("name", $"the {what} needs a name, e.g. {example}");
        }

        if (trimmed.Any(char.IsControl) || trimmed.Contains('/', StringComparison.Ordinal))
        {
            throw new ConfigValidationException("name", $"{what} name '{trimmed}' holds a '/' or a control character; use letters, digits, '.', '-' or '_', e.g. {example}");
        }

        return CheckLength("name", trimmed, max, $"the {what}'s name");
    }

    /// <summary><paramref name="value"/> when it fits a column of <paramref name="max"/> characters (MySQL counts characters, not UTF-16 units).</summary>
    public static string CheckLength(string field, string value, int max, string help)
    {
        var length = value.EnumerateRunes().Count();
        if (length > max)
        {
            throw new ConfigValidationException(field, $"{field} is {length} characters long; at most {max} fit: {help}");
        }

        return value;
    }

    private static void CheckFunc(string f)
    {
        var example = Help.Func[0];
        if (f.Length > FuncMax)
        {
            throw new ConfigValidationException("func", $"func '{f}' is longer than {FuncMax} characters; write it as name(#n), e.g. {example.Example}: {example.Meaning}");
        }

        if (!FunctionShape().IsMatch(f))
        {
            throw new ConfigValidationException("func", $"func '{f}' must look like name(#n) or name(#k,n) with name one of {RulesHelp.FunctionNames}; e.g. {example.Example}: {example.Meaning}");
        }

        if (!FunctionText.TryParse(f, out var kind, out var num, out var limit, out var problem))
        {
            var name = f[..f.IndexOf('(', StringComparison.Ordinal)];
            var known = Help.FunctionNamed(name) ?? example;
            throw new ConfigValidationException("func", $"func '{f}': {problem}; use one of {RulesHelp.FunctionNames}, e.g. {known.Example}: {known.Meaning}");
        }

        if (kind == JudgeFunctionKind.Lookup && num > limit)
        {
            var lookup = Help.FunctionNamed("lookup")!;
            throw new ConfigValidationException("func", $"func '{f}' can never fire: {num} of the last {limit} values cannot pass; e.g. {lookup.Example}: {lookup.Meaning}");
        }
    }

    [GeneratedRegex(@"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex Clock();

    // Stricter than the judge, which does not look at the brackets: the form people write and the judge documents.
    [GeneratedRegex(@"^[a-z]+\(#-?[0-9]+(?:,-?[0-9]+)?\)$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionShape();
}
