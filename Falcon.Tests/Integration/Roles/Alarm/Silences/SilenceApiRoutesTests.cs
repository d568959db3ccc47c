using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Falcon.Tests.Integration.Roles.Alarm.Silences;

/// <summary>`/api/silences` on a real listener: the round trip, the 400s for bad input, and who may change silences.</summary>
[Category("Integration")]
public sealed class SilenceApiRoutesTests
{
    private SilenceAlarmInstance _alarm = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        var redis = await TestServers.RedisAsync();
        _alarm = await SilenceAlarmInstance.StartAsync(redis.Connection, SilenceAlarmInstance.NewPrefix());
        _client = _alarm.Client();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _client.Dispose();
        await _alarm.DisposeAsync();
    }

    [Test]
    public async Task AddListRemove_RoundTrip()
    {
        using var added = await _client.PostAsJsonAsync("api/silences", new { user = "alice", endpoint = "host-a", counter = "cpu.idle", @for = "2h30m", comment = "upgrading", createdBy = "carol" });
        var silence = (await Json(added)).GetProperty("data");
        var id = silence.GetProperty("id").GetString()!;
        using var listed = await _client.GetAsync("api/silences?user=alice");
        using var otherUser = await _client.GetAsync("api/silences?user=bob");
        using var removed = await _client.DeleteAsync($"api/silences/{id}");
        using var again = await _client.DeleteAsync($"api/silences/{id}");

        Assert.Multiple(async () =>
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(silence.GetProperty("user").GetString(), Is.EqualTo("alice"));
            Assert.That(silence.GetProperty("createdBy").GetString(), Is.EqualTo("carol"));
            Assert.That(silence.GetProperty("comment").GetString(), Is.EqualTo("upgrading"));
            Assert.That(silence.GetProperty("until").GetDateTimeOffset() - silence.GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(TimeSpan.FromMinutes(150)));
            Assert.That((await Json(listed)).GetProperty("data").EnumerateArray().Select(s => s.GetProperty("id").GetString()), Is.EqualTo(new[] { id }));
            Assert.That((await Json(otherUser)).GetProperty("data").GetArrayLength(), Is.Zero);
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await Json(again)).GetProperty("msg").GetString(), Does.StartWith($"no silence {id}"));
        });
    }

    [TestCase("""{"user":"alice","endpoint":"host-a","counter":"cpu.idle","for":"5x"}""", "unknown unit 'x'")]
    [TestCase("""{"user":"alice","endpoint":"host-a","counter":"cpu.idle","for":"-1h"}""", "is not a duration")]
    [TestCase("""{"user":"","endpoint":"host-a","counter":"cpu.idle","for":"1h"}""", "user is empty")]
    [TestCase("""{"endpoint":"host-a","counter":"cpu.idle","for":"1h"}""", "user is empty")]
    [TestCase("""{"user":"al ice","endpoint":"host-a","counter":"cpu.idle","for":"1h"}""", "must not contain spaces")]
    [TestCase("""{"user":"alice","endpoint":"","counter":"cpu.idle","for":"1h"}""", "endpoint is empty")]
    [TestCase("""{"user":"alice","endpoint":"host-a","counter":"","for":"1h"}""", "counter is empty")]
    [TestCase("""{"user":"alice","endpoint":"host-a","counter":"cpu.idle/novalue","for":"1h"}""", "not k=v")]
    [TestCase("""{"user":"alice","endpoint":"host-a","counter":"cpu.idle","for":"0s"}""", "must be more than zero")]
    [TestCase("""{"user":"alice","endpoint":"host-a","counter":"cpu.idle","for":"0"}""", "without a unit")]
    [TestCase("""{"user":"alice","endpoint":"host-a","counter":"cpu.idle"}""", "duration is empty")]
    [TestCase("""{"user":"alice","endpoint":"host-a","counter":"cpu.idle","for":"400d"}""", "alarm.silences.maxDuration")]
    [TestCase("""{"user":"alice",""", "not valid silence JSON")]
    [TestCase("null", "request body is empty")]
    public async Task Add_OfBadInput_Is400_NamingTheProblem(string body, string problem)
    {
        using var response = await _client.PostAsync("api/silences", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await Json(response)).GetProperty("msg").GetString(), Does.Contain(problem));
            Assert.That(await _alarm.Store.ListAsync(CancellationToken.None), Is.Empty);
        });
    }

    [Test]
    public async Task Add_FromLoopbackAsCurlSendsIt_IsAccepted_AFormBodyOrACrossOriginPageIsNot()
    {
        const string Body = """{"user":"alice","endpoint":"host-a","counter":"cpu.idle","for":"1h"}""";
        // curl -X POST .../api/silences -d '{...}': a form Content-Type with a JSON body, no Origin.
        using var curlBody = new StringContent(Body, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var formBody = new StringContent("user=bob&endpoint=host-b&counter=cpu.idle&for=1h", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var crossOrigin = new HttpRequestMessage(HttpMethod.Post, "api/silences") { Content = new StringContent(Body.Replace("alice", "mallory", StringComparison.Ordinal), Encoding.UTF8, "text/plain") };
        crossOrigin.Headers.Add("Origin", "http://evil.example");

        using var accepted = await _client.PostAsync("api/silences", curlBody);
        using var refusedForm = await _client.PostAsync("api/silences", formBody);
        using var refusedPage = await _client.SendAsync(crossOrigin);

        Assert.Multiple(async () =>
        {
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await accepted.Content.ReadAsStringAsync());
            Assert.That(refusedForm.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(refusedPage.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await _alarm.Store.ListAsync(CancellationToken.None)).Select(s => s.User), Is.EqualTo(new[] { "alice" }));
        });
    }

    [TestCase("abc")]
    [TestCase("0123456789abcdeg")]
    [TestCase("0123456789abcdef0")]
    public async Task Remove_OfAMalformedId_Is400(string id)
    {
        using var response = await _client.DeleteAsync($"api/silences/{id}");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await Json(response)).GetProperty("msg").GetString(), Does.Contain("is not a silence id"));
        });
    }

    [Test]
    public async Task FromANonLoopbackAddress_AddNeedsTheToken_ListDoesNot()
    {
        var address = NonLoopbackAddress();
        if (address is null)
        {
            Assert.Inconclusive("this machine has no non-loopback IPv4 address");
        }

        var redis = await TestServers.RedisAsync();
        await using var remote = await SilenceAlarmInstance.StartAsync(redis.Connection, SilenceAlarmInstance.NewPrefix(), address);
        using var anonymous = remote.Client();
        using var wrongToken = remote.Client("wrong");
        using var admin = remote.Client(SilenceAlarmInstance.AdminToken);
        var body = new { user = "alice", endpoint = "host-a", counter = "cpu.idle", @for = "1h" };

        using var refused = await anonymous.PostAsJsonAsync("api/silences", body);
        using var refusedToken = await wrongToken.PostAsJsonAsync("api/silences", body);
        using var refusedDelete = await anonymous.DeleteAsync("api/silences/0123456789abcdef");
        using var listed = await anonymous.GetAsync("api/silences");
        using var accepted = await admin.PostAsJsonAsync("api/silences", body);

        Assert.Multiple(async () =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await Json(refused)).GetProperty("msg").GetString(), Does.StartWith("no privilege"));
            Assert.That(refusedToken.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(refusedDelete.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        });
    }

    internal static IPAddress? NonLoopbackAddress() =>
        System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up && n.NetworkInterfaceType != System.Net.NetworkInformation.NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
