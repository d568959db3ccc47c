using System.Globalization;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Falcon.Shared.Datacenters;

/// <summary>The datacenters of this deployment: the configured list, or one `default` made of `tsdb.queryUrl` and the local hbs.</summary>
internal sealed class DatacenterList
{
    public DatacenterList(IOptions<DatacentersOptions> options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        All = options.Value.Items.Count > 0
            ? [.. options.Value.Items.Select((d, i) => new Datacenter(d.Name, i, [.. d.Hbs], d.QueryUrl.Trim(), d.Timeout,
                string.IsNullOrWhiteSpace(d.ApiUrl) ? null : new DatacenterApi(d.ApiUrl.Trim(), d.ApiUser, d.ApiToken)))]
            : [Default(configuration)];
        IsDefault = options.Value.Items.Count == 0;
    }

    public DatacenterList(IReadOnlyList<Datacenter> datacenters)
    {
        All = datacenters;
    }

    public IReadOnlyList<Datacenter> All { get; }

    /// <summary>True when no `datacenters` were configured and <see cref="All"/> is the made-up `default`.</summary>
    public bool IsDefault { get; }

    public Datacenter? Find(string name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    // The same keys and defaults the tsdb and hbs sections have, read here so Shared does not depend on a role.
    private static Datacenter Default(IConfiguration configuration)
    {
        var queryUrl = configuration["tsdb:queryUrl"] is { Length: > 0 } url ? url : "http://127.0.0.1:8428";
        var timeout = TimeSpan.TryParse(configuration["tsdb:timeout"], CultureInfo.InvariantCulture, out var t) ? t : TimeSpan.FromSeconds(10);
        return new Datacenter(Datacenter.DefaultName, 0, [LocalHbs(configuration["hbs:rpcListen"])], queryUrl, timeout);
    }

    // hbs listens on 0.0.0.0:6030 by default; a listener on every interface is reached through loopback.
    private static string LocalHbs(string? listen)
    {
        const string Fallback = "127.0.0.1:6030";
        if (string.IsNullOrWhiteSpace(listen))
        {
            return Fallback;
        }

        try
        {
            var (host, port) = WireEndpoint.Parse(listen);
            if (port == 0)
            {
                return Fallback;
            }

            host = host is "" or "0.0.0.0" or "::" or "[::]" ? "127.0.0.1" : host;
            return host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[')
                ? $"[{host}]:{port.ToString(CultureInfo.InvariantCulture)}"
                : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";
        }
        catch (FormatException)
        {
            return Fallback;
        }
    }
}
