using System.Net.Sockets;
using System.Text;
using Falcon.Roles.Hbs;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Integration.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Tests.Integration.Roles.Hbs;

/// <summary>hbs opens its JSON-RPC port once its first configuration is loaded, or after `hbs.listenWait` without it.</summary>
[Category("Integration")]
public sealed class HbsListenTests
{
    [Test]
    public async Task ACallMadeTheMomentThePortOpens_IsAnsweredWithConfiguration()
    {
        await using var db = await PortalDatabase.CreateAsync();
        await db.ExecuteAsync("INSERT INTO host (id, hostname) VALUES (1, 'web-01')");
        await db.ExecuteAsync("INSERT INTO grp (id, grp_name) VALUES (10, 'web')");
        await db.ExecuteAsync("INSERT INTO grp_host (grp_id, host_id) VALUES (10, 1)");
        await db.ExecuteAsync("INSERT INTO tpl (id, tpl_name, action_id) VALUES (100, 'base', 7)");
        await db.ExecuteAsync("INSERT INTO grp_tpl (grp_id, tpl_id) VALUES (10, 100)");
        await db.ExecuteAsync("INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, tpl_id) VALUES (1001, 'net.port.listen', 'port=80', 3, 0, 'all(#1)', '==', '0', 100)");
        var port = ServerProcess.FreePort();

        var starting = HbsInstance.StartAsync(db, await TestServers.RedisAsync(), $"listen-{Guid.NewGuid():N}", $"hbs.rpcListen=127.0.0.1:{port}");
        using var client = await ConnectAsSoonAsOpenAsync(port, starting);
        await client.GetStream().WriteAsync("""{"method":"Agent.BuiltinMetrics","params":[{"Hostname":"web-01","Checksum":"nil"}],"id":0}"""u8.ToArray().Append((byte)'\n').ToArray());
        using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var reply = await reader.ReadLineAsync(timeout.Token);
        await using var hbs = await starting;

        Assert.Multiple(() =>
        {
            Assert.That(reply, Does.StartWith("""{"id":0,"result":{"Metrics":[{"Metric":"net.port.listen","Tags":"port=80"}],"""));
            Assert.That(reply, Does.EndWith(""","error":null}"""));
            Assert.That(hbs.Services.GetRequiredService<HbsListenGate>().State, Is.EqualTo(HbsListenState.ConfigurationLoaded));
        });
    }

    [Test]
    public async Task WithMySqlAndRedisDown_TheBoundedWaitEnds_AndHbsListensAnyway_SayingWhy()
    {
        var port = ServerProcess.FreePort();
        var deadMySql = $"Server=127.0.0.1;Port={ServerProcess.FreePort()};User ID=root;Database=falcon_portal;Connection Timeout=1";
        await using var hbs = await DownHbs.StartAsync(
            $"hbs.rpcListen=127.0.0.1:{port}",
            "hbs.httpListen=127.0.0.1:0",
            $"redis.connection=127.0.0.1:{ServerProcess.FreePort()}",
            $"mysql.portal={deadMySql}",
            $"mysql.uic={deadMySql}",
            $"mysql.alarms={deadMySql}",
            $"hbs.cache.keyPrefix=listen-down-{Guid.NewGuid():N}",
            "hbs.listenWait=00:00:01",
            "logging.logLevel.Default=Warning");
        using var agent = await GoClientConnection.OpenAsync(hbs.RpcAddress);

        var builtin = await agent.CallAsync("""{"method":"Agent.BuiltinMetrics","params":[{"Hostname":"web-01","Checksum":"nil"}],"id":0}""");
        var gate = hbs.Services.GetRequiredService<HbsListenGate>();

        Assert.Multiple(() =>
        {
            Assert.That(builtin, Does.Contain("configuration not loaded yet"));
            Assert.That(gate.State, Is.EqualTo(HbsListenState.ListeningWithoutConfiguration));
            Assert.That(gate.Reason, Does.Contain("hbs.listenWait (00:00:01)").And.Contain("neither MySQL nor the Redis snapshot answered"));
        });
    }

    // Polls until the port accepts: the first connection that succeeds is made the moment hbs opens it.
    private static async Task<TcpClient> ConnectAsSoonAsOpenAsync(int port, Task starting)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
                return client;
            }
            catch (SocketException)
            {
                client.Dispose();
                if (starting.IsFaulted)
                {
                    await starting;
                }

                await Task.Delay(2);
            }
        }

        throw new TimeoutException($"hbs never opened 127.0.0.1:{port}");
    }

    private sealed class DownHbs : RoleInstance
    {
        private DownHbs(Microsoft.Extensions.Hosting.IHost host)
            : base(host, HbsRole.Name)
        {
        }

        public static async Task<DownHbs> StartAsync(params string[] settings) =>
            new(await StartHostAsync(HbsRole.Descriptor, settings));
    }
}
