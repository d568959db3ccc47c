using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Options;

namespace Falcon.Shared.Datacenters;

/// <summary>The top-level `datacenters` list; empty means one datacenter `default` made of `tsdb.queryUrl` and the local hbs.</summary>
internal sealed class DatacentersOptions : IValidatableObject
{
    public const string SectionName = "datacenters";

    /// <summary>The configured datacenters, in configuration order (the order also breaks ties, see <see cref="DatacenterMap"/>).</summary>
    [ValidateEnumeratedItems]
    public IList<DatacenterOptions> Items { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Items.Count; i++)
        {
            var dc = Items[i];
            if (!string.IsNullOrEmpty(dc.Name) && !names.Add(dc.Name))
            {
                yield return new ValidationResult($"datacenters.{i}.name '{dc.Name}' is used twice; every datacenter needs its own name");
            }

            if (dc.Hbs.Count == 0)
            {
                yield return new ValidationResult($"datacenters.{i}.hbs must list at least one hbs (host:port) of datacenter '{dc.Name}'");
            }

            if (string.IsNullOrWhiteSpace(dc.QueryUrl) && string.IsNullOrWhiteSpace(dc.ApiUrl))
            {
                yield return new ValidationResult($"datacenters.{i} ('{dc.Name}') needs a query backend: queryUrl (its Prometheus-compatible TSDB), apiUrl (its open-falcon api), or both");
            }

            foreach (var (key, url) in new[] { ("queryUrl", dc.QueryUrl), ("apiUrl", dc.ApiUrl) })
            {
                if (!string.IsNullOrWhiteSpace(url) && !IsHttpUrl(url))
                {
                    yield return new ValidationResult($"datacenters.{i}.{key} must be an absolute http:// or https:// URL, got '{url}'");
                }
            }

            for (var j = 0; j < dc.Hbs.Count; j++)
            {
                if (AddressProblem(dc.Hbs[j]) is { } problem)
                {
                    yield return new ValidationResult($"datacenters.{i}.hbs.{j} {problem}");
                }
            }
        }
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;

    private static string? AddressProblem(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "must be host:port, got an empty value";
        }

        try
        {
            var (host, port) = WireEndpoint.Parse(address);
            return host.Length == 0 || port == 0 ? $"must name a host and a non-zero port, got '{address}'" : null;
        }
        catch (FormatException ex)
        {
            return $"must be host:port: {ex.Message}";
        }
    }
}
