using System.IO.Hashing;
using System.Text;

namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>
/// Endpoint ids derived from the endpoint's name (XxHash64 of its UTF-8 bytes, kept to 53 bits), so an endpoint has the
/// same id in every datacenter and ids of two datacenters never mix (the fork passed per-datacenter database ids
/// around). Positive and below 2^53, so JavaScript clients keep them exact.
/// </summary>
internal static class EndpointIds
{
    private const ulong Mask = (1UL << 53) - 1;

    public static long For(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var id = (long)(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(endpoint)) & Mask);
        return id == 0 ? 1 : id;
    }
}
