using Falcon.Shared.Configuration;

namespace Falcon.Roles.Judge.Nodata;

/// <summary>
/// `judge.nodata`: open-falcon's nodata, done by the judge. Series listed in falcon_portal's `mockcfg` that stop
/// reporting get the row's mock value, so a strategy on that value alarms (docs/nodata.md).
/// </summary>
internal sealed class NodataOptions
{
    /// <summary>The configuration section (`judge.nodata` in YAML).</summary>
    public const string SectionName = "judge:nodata";

    /// <summary>Off leaves `mockcfg` unread and the judge without a MySQL dependency.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often `mockcfg` and the groups' hosts are read again (open-falcon: every 2 minutes).</summary>
    [DurationRange("judge.nodata.syncInterval", "00:00:01", "1.00:00:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often quiet series are looked for and mocked (open-falcon: every minute).</summary>
    [DurationRange("judge.nodata.checkInterval", "00:00:00.100", "00:10:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The shortest silence that counts as no data, whatever the step (open-falcon: 3 minutes). A series is quiet
    /// after 3 steps or this, whichever is longer.
    /// </summary>
    [DurationRange("judge.nodata.minTimeout", "00:00:01", "1.00:00:00")]
    public TimeSpan MinTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Series watched at most (every endpoint of every row); rows beyond it are skipped and logged.</summary>
    [KeyedRange("judge.nodata.maxSeries", 1, 10_000_000)]
    public int MaxSeries { get; set; } = 1_000_000;
}
