namespace Falcon.Shared.Judging;

/// <summary>
/// The in-process hand-off from transfer to a judge in the same process (`--role transfer,judge` or `all`): the judge
/// registers it, transfer uses it when it finds one and no `transfer.judges` are configured.
/// </summary>
internal interface IJudgeFeed
{
    /// <summary>Queues the items for judging without blocking; returns how many were dropped because the judge's queue is full.</summary>
    int Enqueue(IReadOnlyList<JudgeItem> items);

    /// <summary>Tells the judge which series are routed to it (its nodata checks cover those only).</summary>
    void AssignShare(JudgeShare share);
}
