namespace Falcon.Shared.Portal.Sessions;

/// <summary>A uic.session row joined to its user: the user's id and role (-1 blocked, 0 normal, 1 admin, 2 root) and when it expires (unix seconds).</summary>
internal sealed record UicSession(long Uid, int Role, long Expired)
{
    public bool IsExpired(DateTimeOffset now) => Expired <= now.ToUnixTimeSeconds();

    public bool IsBlocked => Role < 0;
}
