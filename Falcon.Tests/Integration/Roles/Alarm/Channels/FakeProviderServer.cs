using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Falcon.Tests.Integration.Roles.Alarm.Channels;

/// <summary>
/// A loopback HTTP server that answers like an IM bot webhook or an SMS/phone provider: each request takes the next
/// scripted answer (the last one repeats), and every request is recorded.
/// </summary>
internal sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeAnswer> _script = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private FakeAnswer _last = FakeAnswer.Json(200, """{"code":0,"msg":"success"}""");

    private FakeProviderServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    /// <summary>How many requests came, without copying them.</summary>
    public int RequestCount => _requests.Count;

    /// <summary>A URL on this server with a token-like path, as bot webhooks have.</summary>
    public string Url(string path) => new Uri(BaseUri, path).ToString();

    public static async Task<FakeProviderServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeProviderServer(app);
        app.Map("/{**path}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address + "/");
        return server;
    }

    /// <summary>Answers to give, in order; the last one keeps being given.</summary>
    public void Answer(params FakeAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new FakeRequest(
            context.Request.Path + context.Request.QueryString,
            context.Request.ContentType ?? string.Empty,
            body,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        if (_script.TryDequeue(out var next))
        {
            _last = next;
        }

        var answer = _last;
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        // With a Content-Length the answer goes out in one piece; chunked, its last chunk waits on Nagle and the
        // client's delayed ACK (40 ms a request), which made the 50,000-event test take minutes.
        var bytes = Encoding.UTF8.GetBytes(answer.Body);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record FakeRequest(string PathAndQuery, string ContentType, string Body, IReadOnlyDictionary<string, string> Headers);

internal sealed record FakeAnswer(int Status, string Body, string ContentType, TimeSpan Delay)
{
    public static FakeAnswer Json(int status, string body) => new(status, body, "application/json", TimeSpan.Zero);

    public static FakeAnswer Text(int status, string body) => new(status, body, "text/plain", TimeSpan.Zero);

    public static FakeAnswer Slow(TimeSpan delay) => new(200, """{"code":0}""", "application/json", delay);
}
