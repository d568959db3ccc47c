using System.Diagnostics.CodeAnalysis;

namespace Falcon.Roles.Aggregator;

/// <summary>An `aggregator.hbs` entry, `host:port` or `http(s)://host:port[/prefix]`, as the base URL of hbs's HTTP API.</summary>
internal static class HbsAddress
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? baseUri)
    {
        baseUri = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Contains("://", StringComparison.Ordinal) ? text.Trim() : $"http://{text.Trim()}";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return false;
        }

        baseUri = new Uri(uri.AbsoluteUri.EndsWith('/') ? uri.AbsoluteUri : uri.AbsoluteUri + "/");
        return true;
    }
}
