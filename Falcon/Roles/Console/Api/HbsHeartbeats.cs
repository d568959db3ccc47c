namespace Falcon.Roles.Console.Api;

/// <summary>hbs's `{"msg","data":[...]}` answer of `GET /agents/heartbeats`.</summary>
internal sealed class HbsHeartbeats
{
    public IReadOnlyList<HbsHeartbeat>? Data { get; set; }
}
