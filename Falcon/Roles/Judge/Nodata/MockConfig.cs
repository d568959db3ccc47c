using Falcon.Shared.Model;

namespace Falcon.Roles.Judge.Nodata;

/// <summary>One series a `mockcfg` row watches: a row expanded to one of its endpoints.</summary>
/// <param name="Id">The row's id.</param>
/// <param name="Name">The row's unique name.</param>
/// <param name="ObjType">host, group or other: how the endpoint was found.</param>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Tags">The row's tags, in canonical order.</param>
/// <param name="Step">Seconds between points the series is expected to have.</param>
/// <param name="Mock">The value filled in while the series is quiet.</param>
internal sealed record MockConfig(long Id, string Name, string ObjType, string Endpoint, string Metric, TagSet Tags, long Step, double Mock);
