namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>A `cluster` row's numerator over its denominator, evaluated as the upstream aggregator does.</summary>
internal sealed record ClusterFormula(ClusterExpression Numerator, ClusterExpression Denominator)
{
    /// <summary>The distinct counters either side reads per host.</summary>
    public IReadOnlyList<CounterSpec> Counters { get; } = [.. Numerator.Operands.Concat(Denominator.Operands).Distinct()];

    /// <summary>
    /// Per host, each side that names counters is computed; a host missing any operand is skipped and not counted.
    /// Sides are summed over hosts; `$#` is the count of hosts kept, digits are a constant. Nothing is pushed when the
    /// denominator is 0 or no host was kept.
    /// </summary>
    public ClusterOutcome Evaluate(IEnumerable<string> hosts, Func<string, CounterSpec, double?> valueOf)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(valueOf);
        double numerator = 0, denominator = 0;
        var valid = 0;
        foreach (var host in hosts)
        {
            double n = 0, d = 0;
            if (Numerator.NeedsHostValues && !Numerator.TryComputeHost(c => valueOf(host, c), out n))
            {
                continue;
            }

            if (Denominator.NeedsHostValues && !Denominator.TryComputeHost(c => valueOf(host, c), out d))
            {
                continue;
            }

            numerator += n;
            denominator += d;
            valid++;
        }

        numerator = Side(Numerator, numerator, valid);
        denominator = Side(Denominator, denominator, valid);
        if (denominator == 0)
        {
            return new ClusterOutcome(null, valid, "the denominator is 0");
        }

        return valid == 0
            ? new ClusterOutcome(null, 0, "no host had a value for every operand")
            : new ClusterOutcome(numerator / denominator, valid, null);
    }

    private static double Side(ClusterExpression side, double perHostSum, int valid) => side.Kind switch
    {
        ClusterExpressionKind.HostCount => valid,
        ClusterExpressionKind.Constant => side.Constant,
        _ => perHostSum,
    };
}
