using Falcon.Shared.Model;

namespace Falcon.Roles.Transfer.Sinks;

/// <summary>
/// Receives every point transfer accepts (validated, step rule applied): the TSDB queue today, judge routing
/// later. Register one with DI as <c>ITransferSink</c>; ingest hands each batch to every sink in order.
/// </summary>
internal interface ITransferSink
{
    /// <summary>Names the sink in errors and logs.</summary>
    string Name { get; }

    /// <summary>
    /// Takes the whole batch or none of it, without blocking (it runs on the ingest path). False makes ingest
    /// answer the push with an error. The list is never modified after it is handed over, so a sink may keep it.
    /// </summary>
    bool TryAccept(IReadOnlyList<MetricSample> samples);
}
