using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console.Web;

/// <summary>
/// Serves the embedded front end: a file when the path names one, else index.html (the page routes by its URL
/// fragment). Anything under /api/ that no route took is a JSON 404, never the page, so a client calling a wrong URL
/// gets an error it can read instead of HTML with 200.
/// </summary>
internal sealed class ConsolePageEndpoints(ConsoleAssets assets)
{
    // The page loads only its own scripts and styles; uPlot sets element styles from script, which style-src allows.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    public async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api")
        {
            await ConsoleResults.Message(StatusCodes.Status404NotFound, $"no console API route {context.Request.Method} {path}; see docs/console.md").ExecuteAsync(context);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var asset = assets.Find(path);
        if (asset is null && path.StartsWith("/assets/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        asset ??= assets.Index;
        if (asset is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("this falcon was built without the console front end (console-web); rebuild with Node.js and npm present", context.RequestAborted);
            return;
        }

        var headers = context.Response.Headers;
        headers.ContentType = asset.ContentType;
        headers.CacheControl = asset.Immutable ? "public, max-age=31536000, immutable" : "no-cache";
        headers["Content-Security-Policy"] = ContentSecurityPolicy;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        context.Response.ContentLength = asset.Content.Length;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(asset.Content, context.RequestAborted);
        }
    }
}
