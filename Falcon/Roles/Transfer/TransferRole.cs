using Falcon.Hosting;
using Falcon.Roles.Transfer.Http;
using Falcon.Roles.Transfer.Ingest;
using Falcon.Roles.Transfer.Judges;
using Falcon.Roles.Transfer.Queue;
using Falcon.Roles.Transfer.Rpc;
using Falcon.Roles.Transfer.Sinks;
using Falcon.Roles.Transfer.Tsdb;
using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Falcon.Shared.Configuration;
using Falcon.Hosting.Http;
using Falcon.Hosting.Health;

namespace Falcon.Roles.Transfer;

/// <summary>open-falcon ingest (JSON-RPC Transfer.Update, HTTP /api/push) into a Prometheus-compatible TSDB.</summary>
internal static class TransferRole
{
    public const string Name = "transfer";

    public static RoleDescriptor Descriptor { get; } = new(Name, "metric ingest: Transfer.Update and /api/push, remote write to the TSDB", b => b.AddTransferRole());

    public static IHostApplicationBuilder AddTransferRole(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddFalconTsdb();

        services.AddFalconOptions<TransferOptions, TransferOptionsValidator>(TransferOptions.SectionName, static (o, section) => o.BindConfiguration(section));

        services.AddSingleton(DiskQueueFactory.Open);
        services.AddSingleton<TransferMetrics>();
        services.TryAddSingleton<ITsdbBatchWriter, RemoteWriteBatchWriter>();
        // Registered before the listeners: hosted services stop in reverse order, so ingest closes before the flush.
        services.AddSingleton<QueueSink>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueSink>());
        services.AddSingleton<ITransferSink>(sp => sp.GetRequiredService<QueueSink>());
        services.AddSingleton<JudgeRoutingMetrics>();
        services.AddSingleton<JudgeSink>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<JudgeSink>());
        services.AddSingleton<ITransferSink>(sp => sp.GetRequiredService<JudgeSink>());

        services.AddSingleton<TransferIngest>();
        // Roles of this process (the aggregator) hand points over in memory through it.
        services.AddSingleton<ILocalTransfer, LocalTransfer>();
        services.AddSingleton<TransferRpcHandlers>();
        builder.AddRoleRpcListener(Name, sp => sp.GetRequiredService<IOptions<TransferOptions>>().Value.RpcListen, TransferTelemetry.MeterName, TransferRpcMethods.Register);
        services.AddSingleton<PushEndpoint>();

        builder.AddRoleHttpListener(Name, sp => sp.GetRequiredService<IOptions<TransferOptions>>().Value.HttpListen, TransferHttpRoutes.Map);
        builder.AddRoleHealthChecks(Name, RoleDependencies.Tsdb);
        builder.AddBacklogHealthCheck(Name, "transfer.queue", "bytes of points on disk for the TSDB", static sp =>
        {
            var queue = sp.GetRequiredService<DiskQueue>();
            var options = sp.GetRequiredService<IOptions<TransferOptions>>().Value.Queue;
            return (() => queue.Bytes, (long)(options.MaxBytes * options.HealthMaxFill));
        });
        builder.AddStallHealthCheck(Name, "transfer.senders", "TSDB writers", QueueSink.SenderPrefix);
        return builder;
    }
}
