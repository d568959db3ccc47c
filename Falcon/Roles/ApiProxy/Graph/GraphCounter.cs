using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;

namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>open-falcon's counter string, `metric` or `metric/k1=v1,k2=v2` with the tags sorted (graph's endpoint_counter.counter).</summary>
internal static class GraphCounter
{
    public static string Format(string metric, TagSet tags) => tags.Count == 0 ? metric : metric + "/" + tags.Canonical;

    public static string Format(FalconSeries series) => Format(series.Metric, series.Tags);

    /// <summary>Splits a counter at its first '/', as open-falcon does; the tags are put in canonical order.</summary>
    public static (string Metric, TagSet Tags) Parse(string counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        var slash = counter.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (counter, TagSet.Empty) : (counter[..slash], TagSet.Parse(counter[(slash + 1)..]));
    }

    /// <summary>The counter in canonical form (tags sorted), so a request's counter matches the TSDB's series.</summary>
    public static string Normalize(string counter)
    {
        var (metric, tags) = Parse(counter);
        return Format(metric, tags);
    }
}
