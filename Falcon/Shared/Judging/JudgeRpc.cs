namespace Falcon.Shared.Judging;

/// <summary>Falcon's judge protocol on `judge.rpcListen`, in open-falcon's JSON-RPC dialect (Go's judge speaks gob; Falcon does not).</summary>
internal static class JudgeRpc
{
    /// <summary>params: a JSON array of <see cref="JudgeItem"/> (<see cref="JudgeItemJson"/>); result: <c>{"code":0,"invalid":n,"dropped":n}</c> (dropped: did not fit the judge queue).</summary>
    public const string Send = "Judge.Send";

    /// <summary>result: <c>{"code":0}</c>.</summary>
    public const string Ping = "Judge.Ping";

    /// <summary>result: <c>{"known":bool,"metrics":[...]}</c>, the metrics the judge's rules use; transfer sends only those.</summary>
    public const string Metrics = "Judge.Metrics";
}
