using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Judge.Nodata;

/// <summary>The judge's nodata log messages (event ids 4050-4059).</summary>
internal static partial class NodataLog
{
    [LoggerMessage(4050, LogLevel.Debug, "judge nodata: mockcfg read, {Count} series watched")]
    public static partial void Synced(ILogger logger, int count);

    [LoggerMessage(4051, LogLevel.Warning, "judge nodata: reading mockcfg failed, keeping the {Count} series read last: {Error}")]
    public static partial void SyncFailed(ILogger logger, int count, string error);

    [LoggerMessage(4052, LogLevel.Warning, "judge nodata: mockcfg row {Id} ({Name}) skipped: {Problem}")]
    public static partial void RowSkipped(ILogger logger, long id, string name, string problem);

    [LoggerMessage(4053, LogLevel.Information, "judge nodata: {Count} series are watched by more than one mockcfg row; the first: {Example}")]
    public static partial void Conflicts(ILogger logger, int count, string example);

    [LoggerMessage(4054, LogLevel.Warning, "judge nodata: more than judge.nodata.maxSeries ({Max}) series; row {Name} and later rows are cut short")]
    public static partial void TooManySeries(ILogger logger, int max, string name);

    [LoggerMessage(4055, LogLevel.Information, "judge nodata: no transfer has said yet which series it routes here; nothing is filled until one does")]
    public static partial void NoShareYet(ILogger logger);

    [LoggerMessage(4056, LogLevel.Debug, "judge nodata: {Mocks} mock values judged for {Quiet} quiet series")]
    public static partial void Mocked(ILogger logger, int mocks, int quiet);

    [LoggerMessage(4057, LogLevel.Error, "judge nodata: a check failed")]
    public static partial void CheckFailed(ILogger logger, Exception exception);
}
