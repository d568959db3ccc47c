using Falcon.Shared.Wire;

namespace Falcon.Tests.Shared.Wire;

public sealed class JsonRpcConcurrencyTests
{
    [Test]
    public async Task ThousandConcurrentCalls_OverFiftyConnections_AreAllAnsweredWithTheirOwnReply()
    {
        await using var server = WireTestServer.Start();
        var clients = Enumerable.Range(0, 50).Select(_ => new JsonRpcClient([server.BoundAddress])).ToArray();
        try
        {
            var calls = clients.SelectMany((client, c) => Enumerable.Range(0, 20).Select(async seq =>
            {
                var request = new TestEcho(c, seq, $"c{c}-s{seq}");
                var reply = await client.CallAsync("Test.Echo", request, WireTestJsonContext.Default.TestEcho, WireTestJsonContext.Default.TestEcho);
                return (request, reply);
            })).ToArray();

            var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.That(results, Has.Length.EqualTo(1000));
            Assert.That(results.Where(r => r.reply != r.request with { Text = r.request.Text + "!" }), Is.Empty);
            Assert.That(server.OpenConnections, Is.EqualTo(50));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
