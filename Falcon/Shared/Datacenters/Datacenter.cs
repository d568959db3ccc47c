namespace Falcon.Shared.Datacenters;

/// <summary>One datacenter as the process uses it: name, position in configuration, hbs servers, query backend, query timeout.</summary>
internal sealed record Datacenter(string Name, int Order, IReadOnlyList<string> Hbs, string QueryUrl, TimeSpan Timeout)
{
    /// <summary>The name of the one datacenter made up when `datacenters` is not configured.</summary>
    public const string DefaultName = "default";
}
