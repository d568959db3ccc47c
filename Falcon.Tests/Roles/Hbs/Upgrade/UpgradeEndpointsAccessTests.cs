using System.Net;
using Falcon.Roles.Hbs.Upgrade;
using Falcon.Shared.Redis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Hbs.Upgrade;

/// <summary>Who may change the task, decided on the socket's address before anything else happens.</summary>
public sealed class UpgradeEndpointsAccessTests
{
    private const string Token = "s3cret";

    private ServiceProvider _services = null!;
    private RedisConnection _redis = null!;
    private UpgradeEndpoints _endpoints = null!;

    [SetUp]
    public void SetUp()
    {
        _services = new ServiceCollection().AddLogging().AddMetrics().BuildServiceProvider();
        // Nothing listens on port 1: a refused caller must be answered before Redis is ever asked.
        _redis = new RedisConnection(Options.Create(new RedisOptions { Connection = "127.0.0.1:1,connectTimeout=100,asyncTimeout=300,syncTimeout=300" }), NullLogger<RedisConnection>.Instance);
        var coordinator = new UpgradeCoordinator(
            _redis,
            Options.Create(new HbsUpgradeOptions()),
            new FakeTimeProvider(),
            new UpgradeMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            NullLogger<UpgradeCoordinator>.Instance);
        _endpoints = new UpgradeEndpoints(coordinator, () => Token, new EmptyVersions());
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
    public async Task Delete_FromANonLoopbackAddress_WithoutTheToken_Is403(string remote, string? authorization)
    {
        var context = Context(remote, authorization);

        await (await _endpoints.CancelAsync(context)).ExecuteAsync(context);

        Assert.Multiple(() =>
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status403Forbidden));
            Assert.That(Body(context), Is.EqualTo("""{"msg":"no privilege"}"""));
        });
    }

    [Test]
    public async Task PostPauseAndResume_FromANonLoopbackAddress_Are403()
    {
        var post = Context("10.1.2.3", null);
        var pause = Context("10.1.2.3", null);
        var resume = Context("10.1.2.3", null);

        await (await _endpoints.PushAsync(post)).ExecuteAsync(post);
        await (await _endpoints.PauseAsync(pause)).ExecuteAsync(pause);
        await (await _endpoints.ResumeAsync(resume)).ExecuteAsync(resume);

        Assert.Multiple(() =>
        {
            Assert.That(post.Response.StatusCode, Is.EqualTo(StatusCodes.Status403Forbidden));
            Assert.That(pause.Response.StatusCode, Is.EqualTo(StatusCodes.Status403Forbidden));
            Assert.That(resume.Response.StatusCode, Is.EqualTo(StatusCodes.Status403Forbidden));
        });
    }

    [TestCase("10.1.2.3", "Bearer s3cret")]
    [TestCase("127.0.0.1", null)]
    [TestCase("::1", null)]
    public async Task Delete_WithTheTokenOrFromLoopback_GetsPastTheAccessCheck(string remote, string? authorization)
    {
        var context = Context(remote, authorization);

        await (await _endpoints.CancelAsync(context)).ExecuteAsync(context);

        // Admitted, it reaches Redis, which is down here: 503, not 403.
        Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status503ServiceUnavailable), Body(context));
    }

    private DefaultHttpContext Context(string remote, string? authorization)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Response.Body = new MemoryStream();
        context.Request.Body = new MemoryStream("{}"u8.ToArray());
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }

    private static string Body(HttpContext context) =>
        System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

    private sealed class EmptyVersions : IAgentVersions
    {
        public IReadOnlyDictionary<string, string> GetVersions() => new Dictionary<string, string>();
    }
}
