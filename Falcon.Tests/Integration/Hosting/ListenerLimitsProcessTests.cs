using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;

namespace Falcon.Tests.Integration.Hosting;

/// <summary>
/// `falcon run --role all` as a real process under a connection flood and half-sent frames, with a small
/// host.maxConnections so the flood stays small: every port refuses what is beyond the cap, keeps serving the client
/// it had, closes slow frames, and the process's memory stays bounded.
/// </summary>
[Category("Integration")]
public sealed class ListenerLimitsProcessTests
{
    private const int Cap = 40;

    [Test]
    public async Task RoleAll_RefusesConnectionsBeyondTheCap_ClosesHalfSentFrames_AndKeepsServing()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var redis = await TestServers.RedisAsync();
        var tsdb = await TestServers.VictoriaMetricsAsync();
        var ports = new Dictionary<string, int>
        {
            ["hbs.rpcListen"] = ServerProcess.FreePort(),
            ["transfer.rpcListen"] = ServerProcess.FreePort(),
            ["judge.rpcListen"] = ServerProcess.FreePort(),
            ["agent.httpListen"] = ServerProcess.FreePort(),
            ["hbs.httpListen"] = ServerProcess.FreePort(),
            ["transfer.httpListen"] = ServerProcess.FreePort(),
            ["judge.httpListen"] = ServerProcess.FreePort(),
            ["alarm.httpListen"] = ServerProcess.FreePort(),
            ["apiproxy.httpListen"] = ServerProcess.FreePort(),
            ["aggregator.httpListen"] = ServerProcess.FreePort(),
            ["console.httpListen"] = ServerProcess.FreePort(),
        };
        var arguments = new List<string> { "run", "--role", "all" };
        foreach (var (key, port) in ports)
        {
            arguments.AddRange(["--set", $"{key}=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"]);
        }

        arguments.AddRange([
            "--set", $"redis.connection={redis.Connection}",
            "--set", $"mysql.portal={db.Options.Portal}",
            "--set", $"mysql.uic={db.Options.Uic}",
            "--set", $"mysql.alarms={db.Options.Alarms}",
            "--set", $"tsdb.writeUrl={tsdb.WriteUrl}",
            "--set", $"tsdb.queryUrl={tsdb.BaseAddress}",
            "--set", $"agent.hbs:0=127.0.0.1:{ports["hbs.rpcListen"]}",
            "--set", $"agent.transfer:0=127.0.0.1:{ports["transfer.rpcListen"]}",
            "--set", $"transfer.judges:j1=127.0.0.1:{ports["judge.rpcListen"]}",
            "--set", "agent.selfUpgrade=false",
            "--set", $"hbs.cache.keyPrefix=limits-{Guid.NewGuid():N}",
            "--set", $"host.maxConnections={Cap}",
            "--set", "host.frameTimeout=00:00:02"]);
        using var falcon = ProcessShutdownTests.StartFalcon([.. arguments]);
        var output = ProcessShutdownTests.Capture(falcon.Process);

        // One established client per port before the flood: it must keep being served after.
        var established = new Dictionary<string, Stream>();
        foreach (var (key, port) in ports)
        {
            established[key] = await Poll.ForAsync(() => ConnectAsync(port), _ => true, TimeSpan.FromSeconds(60));
            Assert.That(await AnswersAsync(key, established[key]), Is.True, $"{key} before the flood\n{output}");
        }

        Assert.That(output.ToString(), Does.Contain($"at most {Cap} connections on each of {ports.Count} listeners"));

        foreach (var (key, port) in ports)
        {
            var flood = new List<Socket>();
            try
            {
                // A reset can already reach a connect still in progress: that one counts as refused as well.
                var refused = 0;
                for (var i = 0; i < Cap + 20; i++)
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    flood.Add(socket);
                    try
                    {
                        await socket.ConnectAsync(IPAddress.Loopback, port);
                    }
                    catch (SocketException)
                    {
                        refused++;
                        flood.Remove(socket);
                        socket.Dispose();
                    }
                }

                // All at once: an accepted socket waits the whole 300 ms, and one by one that was ~12 s per port.
                var closed = await Task.WhenAll(flood.Select(static s => ClosedByServerAsync(s, TimeSpan.FromMilliseconds(300))));
                refused += closed.Count(static c => c);

                Assert.That(refused, Is.GreaterThanOrEqualTo(20), $"{key}: connections beyond the cap must be closed at once");
                Assert.That(await AnswersAsync(key, established[key]), Is.True, $"{key}: the established client is still answered during the flood");
            }
            finally
            {
                flood.ForEach(s => s.Dispose());
            }
        }

        // Half-sent frames: each JSON-RPC port closes them once the frame deadline passes.
        foreach (var key in ports.Keys.Where(k => k.EndsWith("rpcListen", StringComparison.Ordinal)))
        {
            var halves = new List<Socket>();
            try
            {
                await Poll.ForAsync(async () =>
                {
                    // The flood's sockets are being released by the server; retry until there is room again.
                    var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    await probe.ConnectAsync(IPAddress.Loopback, ports[key]);
                    halves.Add(probe);
                    return true;
                }, _ => true);
                for (var i = 0; i < 10; i++)
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    await socket.ConnectAsync(IPAddress.Loopback, ports[key]);
                    halves.Add(socket);
                }

                foreach (var socket in halves)
                {
                    await socket.SendAsync("{\"method\":\"Agent.ReportStatus\",\"params\":[{\"Hostname\":\"half"u8.ToArray());
                }

                foreach (var socket in halves)
                {
                    Assert.That(await ClosedByServerAsync(socket, TimeSpan.FromSeconds(10)), Is.True, $"{key}: a half-sent frame must not hold the connection");
                }

                Assert.That(await AnswersAsync(key, established[key]), Is.True, $"{key}: the established client is still answered");
            }
            finally
            {
                halves.ForEach(s => s.Dispose());
            }
        }

        var rss = ResidentKilobytes(falcon.Process.Id);
        Assert.That(rss, Is.LessThan(600 * 1024), $"RSS {rss} kB");
        foreach (var stream in established.Values)
        {
            await stream.DisposeAsync();
        }
    }

    private static async Task<Stream> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        return client.GetStream();
    }

    // An HTTP keep-alive GET /health/live, or a JSON-RPC call every role answers (an unknown method gets an error reply).
    private static async Task<bool> AnswersAsync(string key, Stream stream)
    {
        var request = key.EndsWith("rpcListen", StringComparison.Ordinal)
            ? "{\"method\":\"Falcon.NoSuchMethod\",\"params\":[{}],\"id\":7}\n"
            : "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var text = Encoding.ASCII.GetString(buffer, 0, read);
        return read > 0 && (text.Contains("\"id\":7", StringComparison.Ordinal) || text.StartsWith("HTTP/1.1 200", StringComparison.Ordinal));
    }

    private static async Task<bool> ClosedByServerAsync(Socket socket, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            return await socket.ReceiveAsync(new byte[16], timeout.Token) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static long ResidentKilobytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
