using Microsoft.Extensions.Logging;

namespace Falcon.Shared.Datacenters;

internal static partial class Log
{
    [LoggerMessage(9500, LogLevel.Warning, "datacenter {Datacenter}: hbs {Address} did not answer for the agent list, its last good copy is kept: {Error}")]
    public static partial void HbsFailed(ILogger logger, string datacenter, string address, string error);

    [LoggerMessage(9501, LogLevel.Information, "datacenter map refreshed: {Hosts} hosts in {Datacenters} datacenters")]
    public static partial void Refreshed(ILogger logger, int hosts, int datacenters);

    [LoggerMessage(9502, LogLevel.Error, "datacenter map refresh failed: {Error}")]
    public static partial void RefreshFailed(ILogger logger, string error);

    [LoggerMessage(9503, LogLevel.Warning, "datacenter {Datacenter}: no hbs answered and none ever did; its hosts are unknown and queried everywhere")]
    public static partial void DatacenterUnknown(ILogger logger, string datacenter);
}
