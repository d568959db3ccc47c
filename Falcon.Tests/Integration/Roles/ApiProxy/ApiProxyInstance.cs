using Falcon.Roles.ApiProxy;
using Falcon.Shared.Datacenters;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Falcon.Tests.Integration.Roles.ApiProxy;

/// <summary>A whole apiproxy role, built exactly as `falcon run --role apiproxy` builds it, on a free loopback port.</summary>
internal sealed class ApiProxyInstance : RoleInstance
{
    public const string ServerToken = "server-token-for-tests";
    public const string AdminToken = "admin-token-for-tests-0123456789abcdef";

    private ApiProxyInstance(IHost host)
        : base(host, ApiProxyRole.Name)
    {
    }

    public DatacenterMap Map => Services.GetRequiredService<DatacenterMap>();

    /// <summary>Starts apiproxy over <paramref name="datacenters"/> (name, hbs addresses, TSDB URL or null, timeout); an apiUrl goes in <paramref name="overrides"/>.</summary>
    public static async Task<ApiProxyInstance> StartAsync(
        PortalDatabase database, IReadOnlyList<(string Name, string[] Hbs, Uri? QueryUrl, TimeSpan Timeout)> datacenters, params string[] overrides)
    {
        var settings = new List<string>
        {
            "apiproxy.httpListen=127.0.0.1:0",
            $"apiproxy.token={ServerToken}",
            $"host.adminToken={AdminToken}",
            $"mysql.portal={database.Options.Portal}",
            $"mysql.uic={database.Options.Uic}",
            $"mysql.alarms={database.Options.Alarms}",
            "datacenterMap.refreshInterval=00:00:00.300",
            "datacenterMap.missRefreshInterval=00:00:00.100",
            "datacenterMap.callTimeout=00:00:01",
            "datacenterMap.retries=0",
            "apiproxy.lastpointLookback=01:00:00",
            "logging.logLevel.Default=Warning",
        };
        for (var i = 0; i < datacenters.Count; i++)
        {
            var (name, hbs, queryUrl, timeout) = datacenters[i];
            settings.Add($"datacenters.{i}.name={name}");
            if (queryUrl is not null)
            {
                settings.Add($"datacenters.{i}.queryUrl={queryUrl}");
            }

            settings.Add($"datacenters.{i}.timeout={timeout:c}");
            for (var j = 0; j < hbs.Length; j++)
            {
                settings.Add($"datacenters.{i}.hbs.{j}={hbs[j]}");
            }
        }

        settings.AddRange(overrides);
        return new ApiProxyInstance(await StartHostAsync(ApiProxyRole.Descriptor, settings));
    }
}
