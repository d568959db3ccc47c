namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>An endpoint search as an open-falcon api runs it: its `q` (space-separated REGEXP terms) and `tags`.</summary>
internal sealed record ApiEndpointQuery(string Q, string Tags)
{
    /// <summary>Every endpoint.</summary>
    public static ApiEndpointQuery All { get; } = new(".", "");
}
