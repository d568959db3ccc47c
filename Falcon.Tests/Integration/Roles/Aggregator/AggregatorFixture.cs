using System.Globalization;
using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;
using Falcon.Tests.Integration.Roles.Hbs;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Roles.Transfer;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Aggregator;

/// <summary>
/// What the aggregator tests share: a portal database with one group of three hosts (the third in maintenance), the
/// real Redis, VictoriaMetrics, hbs and transfer, and a writer of source points straight into the TSDB.
/// </summary>
internal sealed class AggregatorFixture : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private AggregatorFixture(PortalDatabase database, RedisServer redis, VictoriaMetricsServer tsdb, HbsInstance hbs, TransferInstance transfer, string prefix)
    {
        Database = database;
        Redis = redis;
        Tsdb = tsdb;
        Hbs = hbs;
        Transfer = transfer;
        Prefix = prefix;
    }

    public PortalDatabase Database { get; }

    public RedisServer Redis { get; }

    public VictoriaMetricsServer Tsdb { get; }

    public HbsInstance Hbs { get; }

    public TransferInstance Transfer { get; }

    /// <summary>Unique to the test: the group name, host name prefix and key prefix.</summary>
    public string Prefix { get; }

    public string Group => Prefix;

    public const long GroupId = 7;

    public string Host(int i) => $"{Prefix}-h{i.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Starts everything; <paramref name="rows"/> runs against falcon_portal before hbs reads it.</summary>
    public static async Task<AggregatorFixture> StartAsync(Func<PortalDatabase, string, Task>? rows = null, params string[] transferOverrides)
    {
        var prefix = "agg" + Guid.NewGuid().ToString("N")[..8];
        var database = await PortalDatabase.CreateAsync();
        var redis = await TestServers.RedisAsync();
        var tsdb = await TestServers.VictoriaMetricsAsync();

        // Host 3 is in maintenance for the whole test: the cluster rows (by grp_id) leave it out.
        await database.ExecuteAsync(
            "INSERT INTO host (id, hostname, ip, maintain_begin, maintain_end) VALUES (1, @h1, '10.0.0.1', 0, 0), (2, @h2, '10.0.0.2', 0, 0), (3, @h3, '10.0.0.3', 0, 4000000000)",
            ("@h1", $"{prefix}-h1"), ("@h2", $"{prefix}-h2"), ("@h3", $"{prefix}-h3"));
        await database.ExecuteAsync($"INSERT INTO grp (id, grp_name, create_user) VALUES ({GroupId}, @g, 'root')", ("@g", prefix));
        await database.ExecuteAsync($"INSERT INTO grp_host (grp_id, host_id) VALUES ({GroupId}, 1), ({GroupId}, 2), ({GroupId}, 3)");
        if (rows is not null)
        {
            await rows(database, prefix);
        }

        var hbs = await HbsInstance.StartAsync(database, redis, prefix);
        var transfer = await TransferInstance.StartAsync(tsdb.WriteUrl, transferOverrides);
        return new AggregatorFixture(database, redis, tsdb, hbs, transfer, prefix);
    }

    public Task<AggregatorInstance> StartAggregatorAsync(params string[] overrides) =>
        AggregatorInstance.StartAsync(Database, Redis, Tsdb, Hbs.HttpAddress, Transfer.RpcAddress, Prefix, overrides);

    /// <summary>The settings of an aggregator of this fixture, as `key=value` (for a process: each after `--set`).</summary>
    public string[] AggregatorSettings(params string[] overrides) =>
        AggregatorInstance.Settings(Database, Redis, Tsdb, Hbs.HttpAddress, Transfer.RpcAddress, Prefix, overrides);

    /// <summary>Writes points straight into the TSDB (as transfer would have) and makes them searchable at once.</summary>
    public async Task WriteAsync(IEnumerable<(string Host, string Metric, CounterType Type, long Time, double Value)> points)
    {
        var options = Options.Create(new TsdbOptions { WriteUrl = Tsdb.WriteUrl.ToString(), QueryUrl = Tsdb.BaseAddress.ToString(), Timeout = TimeSpan.FromSeconds(5) });
        var writer = new RemoteWriteClient(Http, options, NullLogger<RemoteWriteClient>.Instance);
        var batch = points.Select(static p => new MetricSample
        {
            Endpoint = p.Host,
            Metric = p.Metric,
            Tags = TagSet.Empty,
            Value = p.Value,
            Step = 10,
            CounterType = p.Type,
            Timestamp = p.Time,
        }).ToArray();
        var outcome = await writer.WriteAsync(batch, CancellationToken.None);
        Assert.That(outcome.Status, Is.EqualTo(RemoteWriteStatus.Success), outcome.Error);
        using var response = await Http.GetAsync(new Uri(Tsdb.BaseAddress, "/internal/force_flush"));
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await Transfer.DisposeAsync();
        await Hbs.DisposeAsync();
        await Database.DisposeAsync();
    }
}
