using System.Text.Json;
using Falcon.Roles.Judge;
using Falcon.Roles.Judge.Evaluation;
using Falcon.Roles.Judge.Events;
using Falcon.Roles.Judge.Judging;
using Falcon.Roles.Judge.Matching;
using Falcon.Roles.Judge.Nodata;
using Falcon.Shared.Judging;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Redis;
using Falcon.Tests.Integration.Roles.Judge.Events;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Roles.Judge.Nodata;

/// <summary>
/// One judge's lanes, engine and outbox on a real Redis, with nodata reading `mockcfg` from a real MariaDB, rules
/// fixed and time fake: what `--role judge` runs, minus the listeners.
/// </summary>
internal sealed class NodataHarness : IAsyncDisposable, IJudgeRulesSource
{
    private readonly RedisConnection _redis;
    private readonly EventOutbox _outbox;
    private readonly TestMeterFactory _meters = new();

    private NodataHarness(RedisConnection redis, PortalDatabase db, JudgeRules rules, FakeTimeProvider time)
    {
        _redis = redis;
        Current = rules;
        Time = time;
        Pattern = JudgeRoleTests.Name("nodata") + ":p%v";
        var options = Options.Create(new JudgeOptions { EventQueuePattern = Pattern, MinInterval = TimeSpan.Zero });
        var metrics = new JudgeMetrics(_meters);
        _outbox = new EventOutbox(new EventPublisher(redis), options, time, metrics, NullLogger<EventOutbox>.Instance);
        Engine = new JudgeEngine(this, new EventStateMachine(time), new LastEventStore(redis, NullLogger<LastEventStore>.Instance), _outbox, options, time, metrics, NullLogger<JudgeEngine>.Instance);
        Lanes = new JudgeLanes(Engine, options, time, metrics, NullLogger<JudgeLanes>.Instance);
        Filler = new NodataFiller(
            new MockConfigLoader(db.Databases, time, NullLogger<MockConfigLoader>.Instance),
            Engine,
            Lanes,
            this,
            Options.Create(new NodataOptions()),
            time,
            new NodataMetrics(_meters),
            NullLogger<NodataFiller>.Instance);
    }

    public JudgeRules Current { get; }

    public FakeTimeProvider Time { get; }

    public string Pattern { get; }

    public JudgeEngine Engine { get; }

    public JudgeLanes Lanes { get; }

    public NodataFiller Filler { get; }

    public TestMeterFactory Meters => _meters;

    /// <summary>A judge whose rules put <paramref name="strategy"/> on every one of <paramref name="hosts"/>, at <paramref name="start"/>.</summary>
    public static async Task<NodataHarness> StartAsync(PortalDatabase db, Strategy strategy, IEnumerable<string> hosts, DateTimeOffset start)
    {
        var rules = new JudgeRules(
            new StrategyIndex(new StrategiesResponse { HostStrategies = [.. hosts.Select(h => new HostStrategies { Hostname = h, Strategies = [strategy] })] }),
            new ExpressionIndex(new ExpressionsResponse { Expressions = [] }));
        var harness = new NodataHarness(await EventPublisherTests.ConnectAsync(cluster: false), db, rules, new FakeTimeProvider(start));
        await harness._outbox.StartAsync(CancellationToken.None);
        await harness.Lanes.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Real points of now from <paramref name="hosts"/>, judged before this returns.</summary>
    public async Task ReportAsync(string metric, double value, params string[] hosts)
    {
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        Lanes.Enqueue([.. hosts.Select(h => new JudgeItem(h, metric, TagSet.Empty, value, now, CounterType.Gauge))]);
        await SettledAsync();
    }

    /// <summary>One nodata check, its mocks judged and their events in Redis before this returns.</summary>
    public async Task<int> CheckAsync()
    {
        var mocks = Filler.Check();
        await SettledAsync();
        return mocks;
    }

    public async Task<List<JsonElement>> EventsAsync(int priority = 2)
    {
        var db = await _redis.GetDatabaseAsync(CancellationToken.None);
        var values = await db.ListRangeAsync(Pattern.Replace("%v", priority.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return [.. values.Reverse().Select(v => JsonDocument.Parse((string)v!).RootElement)];
    }

    public async ValueTask DisposeAsync()
    {
        await Lanes.StopAsync(CancellationToken.None);
        Lanes.Dispose();
        await _outbox.StopAsync(CancellationToken.None);
        _outbox.Dispose();
        _meters.Dispose();
        await _redis.DisposeAsync();
    }

    private async Task SettledAsync() =>
        await Poll.UntilAsync(() => Task.FromResult(Lanes.Queued == 0 && _outbox.Pending == 0), TimeSpan.FromSeconds(10), "points judged and events pushed");
}
