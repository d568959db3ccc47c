using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>
/// A numerator or denominator of open-falcon's `cluster` table, read with the upstream aggregator's rules: whitespace
/// removed; `$#`; digits; `$(c1)±$(c2)...`; `$(c)OPnum` or `($(a)±$(b)...)OPnum` with OP one of `&gt; = &lt; &gt;= &lt;=`
/// (per host 1 when true, else 0). Anything else, full-width parentheses included, is invalid. docs/aggregator.md has
/// the table of cases.
/// </summary>
internal sealed partial class ClusterExpression
{
    private ClusterExpression(string text, ClusterExpressionKind kind, double constant, IReadOnlyList<CounterSpec> operands, IReadOnlyList<char> operators, string? comparison, double threshold)
    {
        Text = text;
        Kind = kind;
        Constant = constant;
        Operands = operands;
        Operators = operators;
        Comparison = comparison;
        Threshold = threshold;
    }

    /// <summary>The expression with its whitespace removed, as upstream keeps it.</summary>
    public string Text { get; }

    public ClusterExpressionKind Kind { get; }

    public double Constant { get; }

    /// <summary>The counters of a per-host expression, in order.</summary>
    public IReadOnlyList<CounterSpec> Operands { get; }

    /// <summary>`+` or `-` between consecutive operands.</summary>
    public IReadOnlyList<char> Operators { get; }

    /// <summary>`&gt;`, `=`, `&lt;`, `&gt;=` or `&lt;=` when the per-host sum is compared; null when it is used as is.</summary>
    public string? Comparison { get; }

    public double Threshold { get; }

    public bool NeedsHostValues => Kind == ClusterExpressionKind.PerHost;

    public static bool TryParse(string? raw, [NotNullWhen(true)] out ClusterExpression? expression, [NotNullWhen(false)] out string? error)
    {
        expression = null;

        // Upstream's cleanParam: trim, then drop spaces, CR, LF and tabs anywhere.
        var text = (raw ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal)
            .Replace("\n", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal);
        if (text.Contains('（', StringComparison.Ordinal) || text.Contains('）', StringComparison.Ordinal))
        {
            error = $"'{raw}' uses full-width parentheses （）; write ( and )";
            return false;
        }

        if (text == "$#")
        {
            expression = new ClusterExpression(text, ClusterExpressionKind.HostCount, 0, [], [], null, 0);
            error = null;
            return true;
        }

        if (Integer().IsMatch(text))
        {
            expression = new ClusterExpression(text, ClusterExpressionKind.Constant, double.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture), [], [], null, 0);
            error = null;
            return true;
        }

        if (!Sum().IsMatch(text) && !Compared().IsMatch(text) && !SumCompared().IsMatch(text))
        {
            error = $"'{raw}' is not $#, an integer, $(a)+$(b)-..., $(a)OPnum or ($(a)+$(b)...)OPnum with OP one of > = < >= <=";
            return false;
        }

        // Upstream splits on runs of '$', '(' and ')': the pieces alternate operand, operator; the last is the comparison.
        var pieces = Splitter().Split(text);
        var operands = new List<CounterSpec>();
        var operators = new List<char>();
        for (var i = 1; i < pieces.Length - 1; i++)
        {
            if (i % 2 == 1)
            {
                if (!CounterSpec.TryParse(pieces[i], out var counter, out var counterError))
                {
                    error = $"'{raw}': {counterError}";
                    return false;
                }

                operands.Add(counter);
            }
            else
            {
                operators.Add(pieces[i][0]);
            }
        }

        var mode = pieces[^1];
        string? comparison = null;
        double threshold = 0;
        if (mode.Length > 0)
        {
            comparison = mode.StartsWith(">=", StringComparison.Ordinal) ? ">="
                : mode.StartsWith("<=", StringComparison.Ordinal) ? "<="
                : mode[..1];
            threshold = double.Parse(mode[comparison.Length..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }

        expression = new ClusterExpression(text, ClusterExpressionKind.PerHost, 0, operands, operators, comparison, threshold);
        error = null;
        return true;
    }

    /// <summary>
    /// One host's value: the signed sum of its operands, or 1/0 for a comparison. False when any operand has no value:
    /// upstream then leaves the host out entirely, and it does not count toward `$#`.
    /// </summary>
    public bool TryComputeHost(Func<CounterSpec, double?> valueOf, out double value)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        value = 0;
        if (Kind != ClusterExpressionKind.PerHost)
        {
            return false;
        }

        double sum = 0;
        for (var i = 0; i < Operands.Count; i++)
        {
            if (valueOf(Operands[i]) is not { } v)
            {
                return false;
            }

            sum = i == 0 || Operators[i - 1] == '+' ? sum + v : sum - v;
        }

        value = Comparison switch
        {
            null => sum,
            ">=" => sum >= Threshold ? 1 : 0,
            "<=" => sum <= Threshold ? 1 : 0,
            ">" => sum > Threshold ? 1 : 0,
            "<" => sum < Threshold ? 1 : 0,
            _ => sum == Threshold ? 1 : 0,
        };
        return true;
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Integer();

    [GeneratedRegex(@"^(\$\([^\(\)]+\)[+-])*\$\([^\(\)]+\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Sum();

    [GeneratedRegex(@"^\$\([^\(\)]+\)(>|=|<|>=|<=)[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Compared();

    [GeneratedRegex(@"^\((\$\([^\(\)]+\)[+-])*\$\([^\(\)]+\)\)(>|=|<|>=|<=)[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SumCompared();

    [GeneratedRegex(@"[\$\(\)]+", RegexOptions.CultureInvariant)]
    private static partial Regex Splitter();
}
