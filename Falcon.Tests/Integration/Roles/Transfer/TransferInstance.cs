using Falcon.Roles.Transfer;
using Falcon.Roles.Transfer.Tsdb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Falcon.Tests.Integration.Roles.Transfer;

/// <summary>A whole transfer role, built exactly as `falcon run --role transfer` builds it, on free loopback ports.</summary>
internal sealed class TransferInstance : RoleInstance
{
    private TransferInstance(IHost host)
        : base(host, TransferRole.Name)
    {
    }

    public static async Task<TransferInstance> StartAsync(Uri writeUrl, params string[] overrides)
    {
        string[] settings =
        [
            "transfer.rpcListen=127.0.0.1:0",
            "transfer.httpListen=127.0.0.1:0",
            "transfer.batchDelay=00:00:00.050",
            "transfer.maxRetryDelay=00:00:00.500",
            $"tsdb.writeUrl={writeUrl}",
            "tsdb.timeout=00:00:02",
            "logging.logLevel.Default=Warning",
            .. overrides,
        ];
        return new TransferInstance(await StartHostAsync(TransferRole.Descriptor, settings));
    }

    /// <summary>Waits until every accepted point was written, then until VictoriaMetrics makes fresh data searchable.</summary>
    /// <remarks>
    /// Querying VictoriaMetrics for a series before it exists caches the empty answer for several seconds, so tests
    /// ask only once the points are in.
    /// </remarks>
    public async Task WrittenAsync(TimeSpan? timeout = null)
    {
        var queue = Services.GetRequiredService<TsdbWriteQueue>();
        await Poll.UntilAsync(() => Task.FromResult(queue.Count == 0), timeout ?? TimeSpan.FromSeconds(30), "transfer wrote every accepted point");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
    }
}
