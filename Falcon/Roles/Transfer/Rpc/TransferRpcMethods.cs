using Falcon.Shared.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Roles.Transfer.Rpc;

/// <summary>The methods transfer serves on `transfer.rpcListen` for agents, the aggregator and scripts.</summary>
internal static class TransferRpcMethods
{
    public static void Register(JsonRpcServer server, IServiceProvider root)
    {
        // A push of a few hundred metrics is tens of KB: read it in one piece, so it is parsed once, in place.
        server.Options.ReadBufferBytes = 64 * 1024;
        var handlers = root.GetRequiredService<TransferRpcHandlers>();
        server.RegisterDirect("Transfer.Update", handlers);
        server.Register("Transfer.Ping", TransferRpcHandlers.PingAsync);
    }
}
