using Microsoft.AspNetCore.Http;

namespace Falcon.Hosting.Http;

/// <summary>One route of a role's HTTP listener: a method, a literal path (matched as ASP.NET routing does: ignoring case and one trailing slash) and its handler.</summary>
internal sealed record HttpRoute(string Method, string Path, RequestDelegate Handler);
