namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>A host that used up its upgrade attempts, with the last error.</summary>
internal sealed class UpgradeFailedHost
{
    public string Hostname { get; set; } = string.Empty;

    public int Attempts { get; set; }

    /// <summary>When it was marked failed (unix seconds).</summary>
    public long FailedAt { get; set; }

    public string Error { get; set; } = string.Empty;
}
