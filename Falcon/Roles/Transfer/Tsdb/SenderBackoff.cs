namespace Falcon.Roles.Transfer.Tsdb;

/// <summary>Delay before retry number <c>attempt</c> (1-based): 100 ms doubling up to a maximum.</summary>
internal static class SenderBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);

    // No jitter: there are only `transfer.senders` requests in flight, too few to stampede a recovering TSDB,
    // and a deterministic delay keeps the FakeTimeProvider tests exact.
    public static TimeSpan Delay(int attempt, TimeSpan maximum)
    {
        var shift = Math.Clamp(attempt - 1, 0, 30);
        var delay = First * (1L << shift);
        return delay < maximum ? delay : maximum;
    }
}
