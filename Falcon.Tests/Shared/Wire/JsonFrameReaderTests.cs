using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Falcon.Shared.Wire;

namespace Falcon.Tests.Shared.Wire;

public sealed class JsonFrameReaderTests
{
    private Pipe _pipe = null!;

    [SetUp]
    public void SetUp() => _pipe = new Pipe();

    [TearDown]
    public async Task TearDown()
    {
        await _pipe.Writer.CompleteAsync();
        await _pipe.Reader.CompleteAsync();
    }

    [Test]
    public async Task ReadAsync_WithConcatenatedValues_ReturnsEachInTurn()
    {
        var frames = new JsonFrameReader(_pipe.Reader, 1024);
        await WriteAsync("{\"a\":1}\n  [2,3]\r\n\t\"s\"7 true{\"b\":{}}");
        await _pipe.Writer.CompleteAsync();

        var values = new List<string>();
        while (await frames.ReadAsync(CancellationToken.None) is { } document)
        {
            using (document)
            {
                values.Add(document.RootElement.GetRawText());
            }
        }

        Assert.That(values, Is.EqualTo((string[])["{\"a\":1}", "[2,3]", "\"s\"", "7", "true", "{\"b\":{}}"]));
    }

    [Test]
    public async Task ReadAsync_WithAValueSplitAcrossWrites_WaitsForTheRest()
    {
        var frames = new JsonFrameReader(_pipe.Reader, 1024);
        await WriteAsync("{\"method\":\"Agent.Repo");

        var read = frames.ReadAsync(CancellationToken.None).AsTask();
        Assert.That(read.IsCompleted, Is.False);

        await WriteAsync("rtStatus\",\"params\":[{}],\"id\":12}");
        using var document = await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(document!.RootElement.GetProperty("id").GetInt32(), Is.EqualTo(12));
    }

    [Test]
    public async Task ReadAsync_WhenTheStreamEndsBetweenValues_ReturnsNull()
    {
        var frames = new JsonFrameReader(_pipe.Reader, 1024);
        await WriteAsync("{}\n\n   ");
        await _pipe.Writer.CompleteAsync();

        (await frames.ReadAsync(CancellationToken.None))!.Dispose();

        Assert.That(await frames.ReadAsync(CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ReadAsync_WhenTheStreamEndsInsideAValue_Throws()
    {
        var frames = new JsonFrameReader(_pipe.Reader, 1024);
        await WriteAsync("{\"method\":\"Agent.");
        await _pipe.Writer.CompleteAsync();

        var ex = Assert.ThrowsAsync<JsonFrameException>(async () => await frames.ReadAsync(CancellationToken.None));
        Assert.That(ex.IsTooLarge, Is.False);
    }

    [TestCase("hello\n")]
    [TestCase("}")]
    [TestCase("{'a':1}")]
    [TestCase("{\"a\":1,}")]
    [TestCase("[1 2]")]
    public async Task ReadAsync_WhenTheBytesAreNotJson_ThrowsMalformed(string text)
    {
        var frames = new JsonFrameReader(_pipe.Reader, 1024);
        await WriteAsync(text);

        var ex = Assert.ThrowsAsync<JsonFrameException>(async () => await frames.ReadAsync(CancellationToken.None));
        Assert.That(ex.IsTooLarge, Is.False);
    }

    [Test]
    public async Task ReadAsync_WhenAnIncompleteValueExceedsTheMax_ThrowsTooLarge()
    {
        var frames = new JsonFrameReader(_pipe.Reader, 64);
        await WriteAsync("{\"method\":\"" + new string('a', 100));

        var ex = Assert.ThrowsAsync<JsonFrameException>(async () => await frames.ReadAsync(CancellationToken.None));
        Assert.That(ex.IsTooLarge, Is.True);
    }

    [Test]
    public async Task ReadAsync_WhenACompleteValueExceedsTheMax_ThrowsTooLarge()
    {
        var frames = new JsonFrameReader(_pipe.Reader, 64);
        await WriteAsync("\"" + new string('a', 100) + "\"\n");

        var ex = Assert.ThrowsAsync<JsonFrameException>(async () => await frames.ReadAsync(CancellationToken.None));
        Assert.That(ex.IsTooLarge, Is.True);
    }

    [Test]
    public async Task ReadAsync_WithManyValuesOfExactlyTheMax_AcceptsThem()
    {
        var frames = new JsonFrameReader(_pipe.Reader, 64);
        var value = "\"" + new string('a', 62) + "\"";
        await WriteAsync(string.Concat(Enumerable.Repeat(value + "\n", 50)));
        await _pipe.Writer.CompleteAsync();

        var count = 0;
        while (await frames.ReadAsync(CancellationToken.None) is { } document)
        {
            Assert.That(document.RootElement.ValueKind, Is.EqualTo(JsonValueKind.String));
            document.Dispose();
            count++;
        }

        Assert.That(count, Is.EqualTo(50));
    }

    [Test]
    public async Task ReadAsync_ReturnsDocumentsThatOutliveThePipeBuffer()
    {
        var frames = new JsonFrameReader(_pipe.Reader, 1024);
        var documents = new List<JsonDocument>();
        for (var i = 0; i < 20; i++)
        {
            await WriteAsync($$"""{"id":{{i}},"pad":"{{new string((char)('a' + i), 200)}}"}""");
            documents.Add((await frames.ReadAsync(CancellationToken.None))!);
        }

        Assert.That(documents.Select(d => d.RootElement.GetProperty("id").GetInt32()), Is.EqualTo(Enumerable.Range(0, 20)));
        documents.ForEach(d => d.Dispose());
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task ReadAsync_OneRequestPerLine_ReturnsEachWholeAndKeepsItsBytes(bool newline)
    {
        // As Go's client writes: an object and a newline, the reply awaited before the next (the one-pass path),
        // and the same requests without the newline (the path that finds the end first).
        var frames = new JsonFrameReader(_pipe.Reader, 1024);
        var documents = new List<JsonDocument>();
        for (var i = 0; i < 20; i++)
        {
            await WriteAsync($$"""  {"id":{{i}},"params":[{"endpoint":"h-{{i}}","pad":"{{new string((char)('a' + i), 100)}}"}]}""" + (newline ? "\r\n" : ""));
            documents.Add((await frames.ReadAsync(CancellationToken.None))!);
        }

        Assert.That(documents.Select(d => d.RootElement.GetProperty("params")[0].GetProperty("endpoint").GetString()), Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"h-{i}")));
        documents.ForEach(d => d.Dispose());
    }

    [Test]
    public async Task ReadAsync_TwoRequestsInOneLine_ReturnsBoth()
    {
        var frames = new JsonFrameReader(_pipe.Reader, 1024);
        await WriteAsync("{\"id\":1}{\"id\":2}\n");

        using var first = await frames.ReadAsync(CancellationToken.None);
        using var second = await frames.ReadAsync(CancellationToken.None);

        Assert.That(new[] { first!.RootElement.GetProperty("id").GetInt32(), second!.RootElement.GetProperty("id").GetInt32() }, Is.EqualTo(new[] { 1, 2 }));
    }

    [TestCase("{\"a\":1,}\n")]
    [TestCase("{\"a\" 1}\n")]
    [TestCase("{\"a\":[1}\n")]
    public async Task ReadAsync_WhenALineIsNotJson_ThrowsMalformed(string text)
    {
        var frames = new JsonFrameReader(_pipe.Reader, 1024);
        await WriteAsync(text);

        var ex = Assert.ThrowsAsync<JsonFrameException>(async () => await frames.ReadAsync(CancellationToken.None));
        Assert.That(ex.IsTooLarge, Is.False);
    }

    [Test]
    public async Task ReadAsync_WhenALineExceedsTheMax_ThrowsTooLarge()
    {
        var frames = new JsonFrameReader(_pipe.Reader, 64);
        await WriteAsync("{\"a\":\"" + new string('a', 100) + "\"}\n");

        var ex = Assert.ThrowsAsync<JsonFrameException>(async () => await frames.ReadAsync(CancellationToken.None));
        Assert.That(ex.IsTooLarge, Is.True);
    }

    private async Task WriteAsync(string text) => await _pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));
}
