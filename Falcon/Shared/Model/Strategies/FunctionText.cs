using System.Globalization;

namespace Falcon.Shared.Model.Strategies;

/// <summary>
/// The <c>func</c> of a strategy or expression (<c>all(#3)</c>, <c>lookup(#2,3)</c>) as open-falcon's judge reads it
/// (judge/store/func.go ParseFuncFromString). The judge evaluates with it and the console validates with it, so a
/// function the console saves is one the judge runs.
/// </summary>
internal static class FunctionText
{
    /// <summary>Every function name the judge evaluates, in the order the console explains them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["all", "max", "min", "avg", "sum", "diff", "pdiff", "lookup", "stddev", "kdiff", "kpdiff"];

    /// <summary>True for the functions with two arguments, <c>name(#k,n)</c>.</summary>
    public static bool TakesTwoArguments(JudgeFunctionKind kind) => kind is JudgeFunctionKind.Lookup or JudgeFunctionKind.KDiff or JudgeFunctionKind.KPDiff;

    /// <summary>
    /// Parses as ParseFuncFromString does: name = text[..(indexOf('#') - 1)], arguments are the integers between '#'
    /// and the last character, split by ','. The brackets themselves are not checked, as in Go. Where Go would panic
    /// (no '#', too few arguments) or could never fire (an argument below 1) this returns false.
    /// <c>#n</c> is <paramref name="limit"/>; the first argument of lookup/kdiff/kpdiff is <paramref name="num"/>.
    /// </summary>
    public static bool TryParse(string? func, out JudgeFunctionKind kind, out int num, out int limit) =>
        TryParse(func, out kind, out num, out limit, out _);

    /// <summary>As <see cref="TryParse(string?, out JudgeFunctionKind, out int, out int)"/>, saying what is wrong when it is.</summary>
    public static bool TryParse(string? func, out JudgeFunctionKind kind, out int num, out int limit, out string problem)
    {
        kind = default;
        num = 0;
        limit = 0;
        if (string.IsNullOrEmpty(func))
        {
            problem = "no function given";
            return false;
        }

        var hash = func.IndexOf('#', StringComparison.Ordinal);
        if (hash < 1 || hash + 1 > func.Length - 1)
        {
            problem = "the function must look like name(#n)";
            return false;
        }

        var name = func[..(hash - 1)];
        var parsed = ParseName(name);
        if (parsed is null)
        {
            problem = $"'{name}' is not a function the judge knows";
            return false;
        }

        kind = parsed.Value;
        if (!TryParseArguments(func[(hash + 1)..^1], out var args))
        {
            problem = "the arguments after # must be whole numbers";
            return false;
        }

        var twoArguments = TakesTwoArguments(kind);
        if (args.Length < (twoArguments ? 2 : 1))
        {
            problem = $"{name} takes two arguments, {name}(#k,n)";
            return false;
        }

        // Go ignores arguments past the ones a function reads; so does this.
        num = twoArguments ? args[0] : 0;
        limit = twoArguments ? args[1] : args[0];
        if (limit < 1 || (twoArguments && num < 1))
        {
            problem = "the number of values must be at least 1 (a function over no values never fires)";
            return false;
        }

        problem = "";
        return true;
    }

    private static JudgeFunctionKind? ParseName(string name) => name switch
    {
        "all" => JudgeFunctionKind.All,
        "max" => JudgeFunctionKind.Max,
        "min" => JudgeFunctionKind.Min,
        "sum" => JudgeFunctionKind.Sum,
        "avg" => JudgeFunctionKind.Avg,
        "diff" => JudgeFunctionKind.Diff,
        "pdiff" => JudgeFunctionKind.PDiff,
        "lookup" => JudgeFunctionKind.Lookup,
        "stddev" => JudgeFunctionKind.Stddev,
        "kdiff" => JudgeFunctionKind.KDiff,
        "kpdiff" => JudgeFunctionKind.KPDiff,
        _ => null,
    };

    // strconv.Atoi: optional sign and decimal digits, no spaces.
    private static bool TryParseArguments(string text, out int[] args)
    {
        var parts = text.Split(',');
        args = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out args[i]))
            {
                return false;
            }
        }

        return true;
    }
}
