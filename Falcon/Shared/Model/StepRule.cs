namespace Falcon.Shared.Model;

/// <summary>Transfer's step rule for judge and graph items: raise the step to a minimum, then align the timestamp down to it.</summary>
internal static class StepRule
{
    /// <summary>Transfer's default minStep.</summary>
    public const long DefaultMinStep = 30;

    /// <summary>Returns step = max(step, minStep) and timestamp - timestamp % step.</summary>
    public static (long Step, long Timestamp) Apply(long step, long timestamp, long minStep = DefaultMinStep)
    {
        long effective = Math.Max(step, minStep);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(effective, nameof(step));
        return (effective, timestamp - (timestamp % effective));
    }
}
