using System.Net;
using System.Text;
using Falcon.Roles.Alarm.Silences;
using Falcon.Shared.Redis;
using Falcon.Shared.Silences;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Alarm.Silences;

/// <summary>Who may change silences and what bad input gets, decided before Redis is ever asked (nothing listens on port 1).</summary>
public sealed class SilenceApiEndpointsTests
{
    private const string Token = "s3cret";

    private ServiceProvider _services = null!;
    private RedisConnection _redis = null!;
    private SilenceApiEndpoints _endpoints = null!;

    [SetUp]
    public void SetUp()
    {
        _services = new ServiceCollection().AddLogging().AddMetrics().BuildServiceProvider();
        _redis = new RedisConnection(Options.Create(new RedisOptions { Connection = "127.0.0.1:1,connectTimeout=100,asyncTimeout=300,syncTimeout=300" }), NullLogger<RedisConnection>.Instance);
        var time = new FakeTimeProvider();
        var store = new SilenceStore(_redis, new SilenceKeys("t"), time);
        var metrics = new SilenceMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), store, time);
        _endpoints = new SilenceApiEndpoints(store, () => Token, Options.Create(new SilenceOptions()), metrics, NullLogger.Instance);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _redis.DisposeAsync();
        await _services.DisposeAsync();
    }

    [TestCase("10.1.2.3", null)]
    [TestCase("10.1.2.3", "Bearer wrong")]
    [TestCase("10.1.2.3", "Basic s3cret")]
    [TestCase("::ffff:10.1.2.3", null)]
    [TestCase("192.0.2.2", "Bearer ")]
    public async Task AddAndRemove_FromANonLoopbackAddress_WithoutTheToken_Are403(string remote, string? authorization)
    {
        var add = Context(remote, authorization, ValidBody);
        var remove = Context(remote, authorization, null, "0123456789abcdef");

        await (await _endpoints.AddAsync(add)).ExecuteAsync(add);
        await (await _endpoints.RemoveAsync(remove)).ExecuteAsync(remove);

        Assert.Multiple(() =>
        {
            Assert.That(add.Response.StatusCode, Is.EqualTo(StatusCodes.Status403Forbidden));
            Assert.That(Body(add), Does.StartWith("""{"msg":"no privilege"""));
            Assert.That(remove.Response.StatusCode, Is.EqualTo(StatusCodes.Status403Forbidden));
        });
    }

    [TestCase("10.1.2.3", "Bearer s3cret")]
    [TestCase("127.0.0.1", null)]
    [TestCase("::1", null)]
    public async Task Add_WithTheTokenOrFromLoopback_GetsPastTheAccessCheck_ToRedis(string remote, string? authorization)
    {
        var context = Context(remote, authorization, ValidBody);

        await (await _endpoints.AddAsync(context)).ExecuteAsync(context);

        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status503ServiceUnavailable));
            Assert.That(Body(context), Does.Contain("redis unavailable"));
        });
    }

    [TestCase("""{"user":"alice","endpoint":"host-a","counter":"cpu.idle","for":"5x"}""", "for: ")]
    [TestCase("""{"user":"alice","endpoint":"host-a","counter":"cpu.idle","for":"0m"}""", "more than zero")]
    [TestCase("""{"user":" ","endpoint":"host-a","counter":"cpu.idle","for":"1h"}""", "user is empty")]
    [TestCase("""[1,2]""", "not valid silence JSON")]
    public async Task Add_OfBadInput_Is400_BeforeRedisIsAsked(string body, string problem)
    {
        var context = Context("127.0.0.1", null, body);

        await (await _endpoints.AddAsync(context)).ExecuteAsync(context);

        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status400BadRequest));
            Assert.That(Body(context), Does.Contain(problem));
        });
    }

    [Test]
    public async Task Remove_OfAMalformedId_Is400_BeforeRedisIsAsked()
    {
        var context = Context("127.0.0.1", null, null, "../etc");

        await (await _endpoints.RemoveAsync(context)).ExecuteAsync(context);

        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status400BadRequest));
            Assert.That(Body(context), Does.Contain("is not a silence id"));
        });
    }

    [Test]
    public async Task List_WithRedisDown_Is503_NamingRedis()
    {
        var context = Context("10.1.2.3", null, null);

        await (await _endpoints.ListAsync(context)).ExecuteAsync(context);

        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status503ServiceUnavailable));
            Assert.That(Body(context), Does.Contain("redis unavailable, silences cannot be read or changed"));
        });
    }

    private const string ValidBody = """{"user":"alice","endpoint":"host-a","counter":"cpu.idle","for":"1h"}""";

    private DefaultHttpContext Context(string remote, string? authorization, string? body, string? id = null)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        if (body is not null)
        {
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            context.Request.ContentType = "application/json";
        }

        if (id is not null)
        {
            context.Request.RouteValues["id"] = id;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string Body(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return new StreamReader(context.Response.Body).ReadToEnd();
    }
}
