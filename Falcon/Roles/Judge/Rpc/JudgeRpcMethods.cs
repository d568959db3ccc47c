using Falcon.Shared.Judging;
using Falcon.Shared.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Roles.Judge.Rpc;

/// <summary>The methods the judge serves on `judge.rpcListen` for transfers.</summary>
internal static class JudgeRpcMethods
{
    public static void Register(JsonRpcServer server, IServiceProvider root)
    {
        var handlers = root.GetRequiredService<JudgeRpcHandlers>();
        server.Register(JudgeRpc.Send, handlers.SendAsync);
        server.Register(JudgeRpc.Ping, JudgeRpcHandlers.PingAsync);
        server.Register(JudgeRpc.Metrics, handlers.MetricsAsync);
    }
}
