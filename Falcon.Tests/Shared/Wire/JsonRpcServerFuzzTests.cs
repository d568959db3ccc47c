using System.Text;
using System.Text.Json;
using Falcon.Shared.Wire;

namespace Falcon.Tests.Shared.Wire;

/// <summary>Garbage on many connections never takes the server down, and every reply it does send is well formed.</summary>
public sealed class JsonRpcServerFuzzTests
{
    private const int MaxFrame = 4096;

    private static readonly string[] Recoverable =
    [
        """{"method":"Agent.ReportStatus","params":{"Hostname":"h1"},"id":1}""",
        """{"method":"Agent.ReportStatus","params":["x"],"id":2}""",
        """{"method":"Agent.ReportStatus","params":[[1,2]],"id":3}""",
        """{"method":"Agent.ReportStatus","params":[{"Hostname":{"a":1}}],"id":4}""",
        """{"method":"Agent.ReportStatus","params":[{}]}""",
        """{"method":7,"params":[{}],"id":5}""",
        """{"method":null,"params":[{}],"id":6}""",
        """{"params":[{}],"id":7}""",
        """{"method":"Transfer.Update","params":[[{"endpoint":1}]],"id":8}""",
        """{"method":"Transfer.Update","params":[[{"step":"x"}]],"id":9}""",
        """{"method":"\ud800.x","params":[{}],"id":10}""",
        """{"method":"Agent.TrustableIps","params":[{}],"id":"\udfff"}""",
        """[1,2,3]""",
        """null""",
        """12""",
        "\"text\"",
        """{"method":"Agent.ReportStatus","params":[{"Hostname":"h1"}],"id":11}""",
    ];

    private static readonly string[] Fatal =
    [
        "hello world\n",
        "}{",
        "]",
        "{'method':'Agent.ReportStatus'}",
        "{\"method\":\"Agent.ReportStatus\",}",
        "{\"method\" \"x\"}",
        "tru ",
        "\u0000\u0001\u0002",
        new string('[', 100) + new string(']', 100),
        "{\"method\":\"" + new string('a', MaxFrame + 10),
        "{\"method\":\"Agent.ReportStatus\",\"params\":[{\"Host",
    ];

    [Test]
    public async Task Server_AfterGarbageOnManyConnections_StillAnswersAGoodCall()
    {
        await using var server = WireTestServer.Start(options: new JsonRpcServerOptions { MaxFrameBytes = MaxFrame });
        var random = new Random(20240611);

        var peers = Enumerable.Range(0, 12).Select(i => SendGarbageAsync(server, random.Next(), abrupt: i % 4 == 3)).ToArray();
        var replies = (await Task.WhenAll(peers).WaitAsync(TimeSpan.FromSeconds(60))).SelectMany(r => r).ToList();

        Assert.That(replies, Is.Not.Empty);
        Assert.That(replies.Where(r => !IsWellFormedReply(r)), Is.Empty);
        await WireTestServer.WaitUntilAsync(() => server.OpenConnections == 0);
        await using var fresh = await RawJsonSocket.ConnectAsync(server.LocalEndPoint);
        await fresh.SendAsync(WireTestServer.ReportStatusFrame);
        Assert.That(await fresh.ReadLineAsync(), Is.EqualTo(WireTestServer.ReportStatusReply));
    }

    [Test]
    public async Task Server_AfterRecoverableGarbage_KeepsTheConnectionUsable()
    {
        await using var server = WireTestServer.Start(options: new JsonRpcServerOptions { MaxFrameBytes = MaxFrame });
        await using var socket = await RawJsonSocket.ConnectAsync(server.LocalEndPoint);

        await socket.SendAsync(string.Join("\n", Recoverable) + "\n");
        var replies = new List<string>();
        for (var i = 0; i < Recoverable.Length; i++)
        {
            replies.Add(await socket.ReadLineAsync());
        }

        await socket.SendAsync(WireTestServer.ReportStatusFrame);
        Assert.That(await socket.ReadLineAsync(), Is.EqualTo(WireTestServer.ReportStatusReply));
        Assert.That(replies.Where(r => !IsWellFormedReply(r)), Is.Empty);
        // Only the call without an id (answered with id null, as Go does) and the last one are good requests.
        Assert.That(replies.Count(r => r.Contains("\"error\":null", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    /// <summary>Sends a random mix of frames, then half-closes (or resets) and collects whatever came back.</summary>
    private static async Task<List<string>> SendGarbageAsync(JsonRpcServer server, int seed, bool abrupt)
    {
        var random = new Random(seed);
        var payload = new MemoryStream();
        for (var i = 0; i < 20; i++)
        {
            var bytes = random.Next(4) switch
            {
                0 => Encoding.UTF8.GetBytes(Recoverable[random.Next(Recoverable.Length)]),
                1 => Encoding.UTF8.GetBytes(Fatal[random.Next(Fatal.Length)]),
                2 => Truncated(random),
                _ => RandomBytes(random),
            };
            payload.Write(bytes);
            payload.Write(" \n"u8);
        }

        await using var socket = await RawJsonSocket.ConnectAsync(server.LocalEndPoint);
        try
        {
            await socket.SendAsync(payload.ToArray());
        }
        catch (IOException)
        {
            // The server closed on an unreadable frame while we were still sending.
        }

        if (abrupt)
        {
            return [];
        }

        try
        {
            socket.ShutdownSend();
        }
        catch (System.Net.Sockets.SocketException)
        {
            // Already reset by the server.
        }

        var text = await socket.ReadToEndAsync();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static byte[] Truncated(Random random)
    {
        var frame = Encoding.UTF8.GetBytes(WireTestServer.ReportStatusFrame);
        return frame[..random.Next(1, frame.Length - 1)];
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 200)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A full line is one JSON object with id, result and error, the error null or a string.</summary>
    private static bool IsWellFormedReply(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("id", out _)
                && root.TryGetProperty("result", out _)
                && root.TryGetProperty("error", out var error)
                && error.ValueKind is JsonValueKind.Null or JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
