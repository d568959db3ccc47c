using System.Text;
using System.Text.Json;
using Falcon.Roles.Agent;
using Falcon.Roles.Agent.Http;
using Falcon.Roles.Agent.Push;
using Falcon.Shared.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Agent.Http;

public sealed class PushEndpointTests
{
    private const long Now = 1_700_000_000;
    private TestMeterFactory _meters = null!;
    private PushBuffer _buffer = null!;
    private PushEndpoint _endpoint = null!;

    [SetUp]
    public void SetUp()
    {
        _meters = new TestMeterFactory();
        _buffer = new PushBuffer(100, new AgentMetrics(_meters));
        _endpoint = new PushEndpoint(_buffer, new DefaultTags([new("idc", "bj")]), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now)));
    }

    [TearDown]
    public void TearDown() => _meters.Dispose();

    [Test]
    public async Task AValidArray_IsBufferedAsSent_WithDefaultTagsAppended_AndAnsweredWithSuccess()
    {
        var (status, body) = await PostAsync("""
            [{"endpoint":"web-01","metric":"qps","value":12.5,"step":60,"counterType":"GAUGE","tags":"app=shop","timestamp":1699999980},
             {"endpoint":"web-02","metric":"errors","value":"3","step":30,"counterType":"COUNTER","tags":"","timestamp":0}]
            """);

        var points = new List<MetricValue>();
        _buffer.Peek(10, points);
        Assert.Multiple(() =>
        {
            Assert.That((status, body), Is.EqualTo((200, "success")));
            // Forwarded as-is, as open-falcon does: no defaulting of the timestamp, the string value kept for transfer.
            Assert.That(points.Select(p => $"{p.Endpoint} {p.Metric} {p.Step} {p.CounterType} {p.Tags} {p.Timestamp}"), Is.EqualTo(new[]
            {
                "web-01 qps 60 GAUGE app=shop,idc=bj 1699999980",
                "web-02 errors 30 COUNTER idc=bj 0",
            }));
            Assert.That(points[1].Value.Text, Is.EqualTo("3"));
        });
    }

    [Test]
    public async Task ABlankBody_Is400WithAJsonMessage()
    {
        var (status, body) = await PostAsync("");

        Assert.That((status, Message(body)), Is.EqualTo((400, "body is blank")));
    }

    [TestCase("{not json")]
    [TestCase("""{"endpoint":"web-01"}""")]
    public async Task ABodyThatIsNotAJsonArray_Is400SayingWhy(string text)
    {
        var (status, body) = await PostAsync(text);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(Message(body), Does.StartWith("cannot decode body: "));
            Assert.That(_buffer.Count, Is.Zero);
        });
    }

    [Test]
    public async Task InvalidItems_RefuseTheWholeBatch_NamingEachItemAndItsProblem()
    {
        var (status, body) = await PostAsync("""
            [{"endpoint":"web-01","metric":"ok","value":1,"step":60,"counterType":"GAUGE","tags":"","timestamp":1},
             {"endpoint":"web-01","metric":"no.step","value":1,"step":0,"counterType":"GAUGE","tags":"","timestamp":1},
             {"endpoint":"web-01","metric":"bad.type","value":1,"step":60,"counterType":"gauge","tags":"","timestamp":1}]
            """);

        using var json = JsonDocument.Parse(body);
        var errors = json.RootElement.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("index").GetInt32()}: {e.GetProperty("error").GetString()}");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(Message(body), Is.EqualTo("2 of 3 metric values are invalid; nothing was accepted"));
            Assert.That(errors, Is.EqualTo(new[] { $"1: {MetricValueValidator.BadStep}", $"2: {MetricValueValidator.BadCounterType}" }));
            Assert.That(_buffer.Count, Is.Zero);
        });
    }

    [Test]
    public async Task DefaultTags_CountTowardTheLengthLimit_AsTransferWillSeeThem()
    {
        // metric (1 byte) + tags (505 bytes) fits in 510, but not with ",idc=bj" appended.
        var tags = "k=" + new string('v', 503);
        var (status, body) = await PostAsync($$"""[{"endpoint":"web-01","metric":"m","value":1,"step":60,"counterType":"GAUGE","tags":"{{tags}}","timestamp":1}]""");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(body, Does.Contain($"\"error\":\"{MetricValueValidator.TooLong}\""));
            Assert.That(_buffer.Count, Is.Zero);
        });
    }

    private async Task<(int Status, string Body)> PostAsync(string text)
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        using var response = new MemoryStream();
        context.Response.Body = response;

        await _endpoint.HandleAsync(context);

        return (context.Response.StatusCode, Encoding.UTF8.GetString(response.ToArray()));
    }

    private static string? Message(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("msg").GetString();
    }
}
