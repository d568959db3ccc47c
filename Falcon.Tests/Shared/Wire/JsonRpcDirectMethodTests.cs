using System.Text.Json;
using Falcon.Shared.Wire;

namespace Falcon.Tests.Shared.Wire;

/// <summary>
/// A direct method answers every request exactly as a document-read method would, and reads Go-shaped requests in
/// the same pass as their envelope.
/// </summary>
public sealed class JsonRpcDirectMethodTests
{
    private SumMethod _sum = null!;
    private JsonRpcServer _server = null!;

    [SetUp]
    public void SetUp()
    {
        _sum = new SumMethod();
        _server = WireTestServer.Start(s => s.RegisterDirect("Test.Sum", _sum));
    }

    [TearDown]
    public async Task TearDown() => await _server.DisposeAsync();

    [Test]
    public async Task GoShapedRequest_IsReadInOnePass_AndAnsweredWithItsId()
    {
        var reply = await CallAsync("""{"method":"Test.Sum","params":[[1,2,3]],"id":42}""" + "\n");

        Assert.Multiple(() =>
        {
            Assert.That(reply, Is.EqualTo("{\"id\":42,\"result\":6,\"error\":null}\n"));
            Assert.That(_sum.ReadInPlace, Is.EqualTo(new[] { true }));
        });
    }

    // Each is answered as before, through the document: the direct reading gives way whenever the shape differs.
    [TestCase("""{"params":[[1,2]],"method":"Test.Sum","id":1}""", "{\"id\":1,\"result\":3,\"error\":null}\n")]
    [TestCase("""{"method":"Test.Sum","params":[[1,2]],"id":"a"}""", "{\"id\":\"a\",\"result\":3,\"error\":null}\n")]
    [TestCase("""{"Method":"Test.Sum","params":[[1,2]],"id":1}""", "{\"id\":1,\"result\":3,\"error\":null}\n")]
    [TestCase("""{"method":"Test.\u0053um","params":[[1,2]],"id":1}""", "{\"id\":1,\"result\":3,\"error\":null}\n")]
    [TestCase("""{"method":"Test.Sum","params":[[1,2]],"id":1,"params":[[5]]}""", "{\"id\":1,\"result\":5,\"error\":null}\n")]
    [TestCase("""{"method":"Test.Sum","params":[["x"]],"id":1}""", "{\"id\":1,\"result\":null,\"error\":\"numbers only\"}\n")]
    [TestCase("""{"method":"Test.Sum","params":null,"id":1}""", "{\"id\":1,\"result\":null,\"error\":\"jsonrpc: request body missing params\"}\n")]
    public async Task OtherShapes_AreAnsweredThroughTheDocument(string request, string expected)
    {
        var reply = await CallAsync(request + "\n");

        Assert.Multiple(() =>
        {
            Assert.That(reply, Is.EqualTo(expected));
            // Where the direct reading started and then gave way, the parameter was read again from the document.
            var reads = _sum.ReadInPlace;
            Assert.That(reads.Count == 0 || !reads[^1], Is.True, "the last read of the parameter was not from the document");
        });
    }

    // Go-shaped and read directly, with the document path's semantics.
    [TestCase("""{"method":"Test.Sum","params":[],"id":7}""", "{\"id\":7,\"result\":0,\"error\":null}\n")]
    [TestCase("""{"method":"Test.Sum","params":[[4],{"extra":[1]},3],"id":7}""", "{\"id\":7,\"result\":4,\"error\":null}\n")]
    [TestCase("""{"method":"Test.Sum","params":[[4]]}""", "{\"id\":null,\"result\":4,\"error\":null}\n")]
    [TestCase("""{"method":"Test.Sum","params":[[4]],"id":null}""", "{\"id\":null,\"result\":4,\"error\":null}\n")]
    [TestCase("""{"method":"Test.Sum","params":[[4]],"id":-1.5e3}""", "{\"id\":-1.5e3,\"result\":4,\"error\":null}\n")]
    public async Task GoShapedVariants_AreAnsweredAsTheDocumentPathWould(string request, string expected) =>
        Assert.That(await CallAsync(request + "\n"), Is.EqualTo(expected));

    [Test]
    public async Task RequestsBackToBack_OnOneConnection_AreEachAnswered()
    {
        await using var socket = await RawJsonSocket.ConnectAsync(_server.LocalEndPoint);
        await socket.SendAsync("""{"method":"Test.Sum","params":[[1]],"id":1}""" + "\n" + """{"method":"Test.Sum","params":[[2]],"id":2}""" + "\n");

        string[] replies = [await socket.ReadLineAsync(), await socket.ReadLineAsync()];

        Assert.That(replies.Order(), Is.EqualTo((string[])["{\"id\":1,\"result\":1,\"error\":null}\n", "{\"id\":2,\"result\":2,\"error\":null}\n"]));
    }

    [Test]
    public async Task AParameterReadThatThrowsOtherThanJsonException_IsAnsweredAsAHandlerError_AndTheConnectionLives()
    {
        await using var socket = await RawJsonSocket.ConnectAsync(_server.LocalEndPoint);
        await socket.SendAsync("""{"method":"Test.Sum","params":[[true]],"id":3}""" + "\n");
        var failed = await socket.ReadLineAsync();
        await socket.SendAsync("""{"method":"Test.Sum","params":[[2]],"id":4}""" + "\n");

        Assert.Multiple(async () =>
        {
            Assert.That(failed, Is.EqualTo("{\"id\":3,\"result\":null,\"error\":\"booleans are not numbers\"}\n"));
            Assert.That(await socket.ReadLineAsync(), Is.EqualTo("{\"id\":4,\"result\":2,\"error\":null}\n"));
        });
    }

    [Test]
    public async Task AMalformedRequest_GetsTheStreamErrorAndTheConnectionCloses()
    {
        await using var socket = await RawJsonSocket.ConnectAsync(_server.LocalEndPoint);
        await socket.SendAsync("""{"method":"Test.Sum","params":[[1,]],"id":1}""" + "\n");

        var reply = await socket.ReadLineAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(reply, Does.StartWith("{\"id\":null,\"result\":null,\"error\":\"rpc: server cannot decode request: "));
            Assert.That(await socket.ReadToEndAsync(), Is.Empty);
        });
    }

    private async Task<string> CallAsync(string request)
    {
        await using var socket = await RawJsonSocket.ConnectAsync(_server.LocalEndPoint);
        await socket.SendAsync(request);
        return await socket.ReadLineAsync();
    }

    /// <summary>Sums an array of numbers; records whether each read was in the request (direct) or in the parameter alone.</summary>
    private sealed class SumMethod : IJsonRpcDirectMethod
    {
        private readonly List<bool> _readInPlace = [];

        public IReadOnlyList<bool> ReadInPlace
        {
            get
            {
                lock (_readInPlace)
                {
                    return [.. _readInPlace];
                }
            }
        }

        public object ReadParam(ref Utf8JsonReader reader)
        {
            lock (_readInPlace)
            {
                // Over the whole request the parameter starts past the envelope's first bytes; over the parameter alone, at 0.
                _readInPlace.Add(reader.TokenStartIndex > 0);
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("an array, please");
            }

            var sum = 0L;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                sum += reader.TokenType switch
                {
                    JsonTokenType.Number => reader.GetInt64(),
                    JsonTokenType.True or JsonTokenType.False => throw new InvalidOperationException("booleans are not numbers"),
                    _ => throw new JsonException("numbers only"),
                };
            }

            return sum;
        }

        public ValueTask RunAsync(object? param, Utf8JsonWriter result, CancellationToken cancellationToken)
        {
            result.WriteNumberValue(param is long sum ? sum : 0);
            return ValueTask.CompletedTask;
        }
    }
}
