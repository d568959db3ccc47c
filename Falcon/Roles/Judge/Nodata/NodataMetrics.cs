using System.Diagnostics.Metrics;
using Falcon.Roles.Judge.Sync;

namespace Falcon.Roles.Judge.Nodata;

/// <summary>The nodata instruments: series watched, quiet and mocked.</summary>
internal sealed class NodataMetrics
{
    private readonly Meter _meter;
    private readonly Counter<long> _mocks;
    private readonly Counter<long> _syncFailures;
    private readonly Histogram<long> _quiet;

    public NodataMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(RuleSyncMetrics.MeterName);
        _mocks = _meter.CreateCounter<long>("falcon.judge.nodata.mocks", "{point}", "mock values judged for series gone quiet (judge.nodata)");
        _syncFailures = _meter.CreateCounter<long>("falcon.judge.nodata.sync_failures", "{read}", "reads of mockcfg that failed (the last rows read stay in use)");
        _quiet = _meter.CreateHistogram<long>("falcon.judge.nodata.quiet", "{series}", "series of this judge found quiet, per check");
    }

    public void Mocked(int count) => _mocks.Add(count);

    public void SyncFailed() => _syncFailures.Add(1);

    public void Checked(int quiet) => _quiet.Record(quiet);

    public void ObserveWatched(Func<int> watched) =>
        _meter.CreateObservableGauge("falcon.judge.nodata.watched", watched, "{series}", "series mockcfg watches (all judges' share)");
}
