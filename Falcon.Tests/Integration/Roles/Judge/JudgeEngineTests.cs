using System.Text.Json;
using Falcon.Roles.Judge;
using Falcon.Roles.Judge.Evaluation;
using Falcon.Roles.Judge.Events;
using Falcon.Roles.Judge.Judging;
using Falcon.Roles.Judge.Matching;
using Falcon.Shared.Judging;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Redis;
using Falcon.Tests.Integration.Roles.Judge.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Roles.Judge;

/// <summary>The judge engine on a real Redis with a fake clock: strategies, expressions, counters, repeats and minInterval.</summary>
[Category("Integration")]
public sealed class JudgeEngineTests
{
    private const long T0 = 1_700_000_040;

    [Test]
    public async Task CounterStrategy_JudgesRates_AndNeedsOneMorePointThanTheWindow()
    {
        await using var judge = await TestJudge.StartAsync(Strategy(1, "net.if.in.bytes", "all(#2)", ">", 10));
        var host = judge.Host;

        await judge.JudgeAsync(Counter(host, T0, 0), Counter(host, T0 + 60, 1200));
        var afterTwo = await judge.EventsAsync();
        await judge.JudgeAsync(Counter(host, T0 + 120, 2400));
        var afterThree = await judge.EventsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(afterTwo, Is.Empty, "two counter points give one rate, all(#2) needs two");
            Assert.That(afterThree, Has.Count.EqualTo(1));
            Assert.That(afterThree[0].GetProperty("leftValue").GetDouble(), Is.EqualTo(20));
            Assert.That(afterThree[0].GetProperty("eventTime").GetInt64(), Is.EqualTo(T0 + 120));
        });
    }

    [Test]
    public async Task Expression_RaisesAnEventWithItsOwnIdAndNoStrategy()
    {
        var expression = new Expression { Id = 77, Metric = "qps", Tags = TagSet.Parse("project=shop"), Func = "all(#1)", Operator = ">", RightValue = 100, MaxStep = 1, Priority = 3, ActionId = 9 };
        await using var judge = await TestJudge.StartAsync(expressions: [expression]);

        await judge.JudgeAsync(new JudgeItem(judge.Host, "qps", TagSet.Parse("project=shop,dc=bj"), 150, T0, CounterType.Gauge));
        var events = await judge.EventsAsync(priority: 3);

        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.EqualTo(1));
            Assert.That(events[0].GetProperty("id").GetString(), Is.EqualTo(EventIds.ForExpression(77, SeriesKey.Md5Hex(judge.Host, "qps", TagSet.Parse("dc=bj,project=shop")))));
            Assert.That(events[0].GetProperty("strategy").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(events[0].GetProperty("expression").GetProperty("actionId").GetInt64(), Is.EqualTo(9));
            Assert.That(events[0].GetProperty("pushedTags").GetProperty("dc").GetString(), Is.EqualTo("bj"));
        });
    }

    [Test]
    public async Task OneBatchWithSeveralWindowsOfAColdRule_DecidesThemInOrder()
    {
        await using var judge = await TestJudge.StartAsync(Strategy(1, "cpu.busy", "all(#3)", ">", 90, maxStep: 2));

        await judge.JudgeAsync([.. Enumerable.Range(0, 7).Select(i => Gauge(judge.Host, T0 + (i * 60), 95))]);
        var events = await judge.EventsAsync();

        Assert.That(events.Select(e => e.GetProperty("currentStep").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task RepeatedProblem_WaitsForMinInterval_MeasuredFromTheLastEventsPointTime()
    {
        await using var judge = await TestJudge.StartAsync(Strategy(1, "cpu.busy", "all(#1)", ">", 90, maxStep: 5), minInterval: TimeSpan.FromSeconds(300));
        var now = judge.Time.GetUtcNow().ToUnixTimeSeconds();

        await judge.JudgeAsync(Gauge(judge.Host, now, 95));
        judge.Time.Advance(TimeSpan.FromSeconds(60));
        await judge.JudgeAsync(Gauge(judge.Host, now + 60, 95));
        var withinInterval = await judge.EventsAsync();
        judge.Time.Advance(TimeSpan.FromSeconds(240));
        await judge.JudgeAsync(Gauge(judge.Host, now + 300, 95));
        var afterInterval = await judge.EventsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(withinInterval, Has.Count.EqualTo(1));
            Assert.That(afterInterval.Select(e => e.GetProperty("currentStep").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        });
    }

    [Test]
    public async Task UnsupportedFunctions_LatePoints_AndUnusedMetrics_RaiseNothing()
    {
        await using var judge = await TestJudge.StartAsync(
            Strategy(1, "cpu.busy", "median(#1)", ">", 90),
            Strategy(2, "cpu.busy", "all(#1)", ">", 90));

        await judge.JudgeAsync(Gauge(judge.Host, T0 + 60, 10), Gauge(judge.Host, T0, 95), Gauge(judge.Host, T0 + 60, 95), Gauge(judge.Host, T0, 95) with { Metric = "mem.free" });
        var events = await judge.EventsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(events, Is.Empty, "the only point over 90 arrived after a newer one and was ignored");
            Assert.That(judge.Engine.SeriesCount, Is.EqualTo(1), "only cpu.busy has a history: mem.free is on no rule");
        });
    }

    private static Strategy Strategy(long id, string metric, string func, string op, double right, int maxStep = 3) => new()
    {
        Id = id,
        Metric = metric,
        Func = func,
        Operator = op,
        RightValue = right,
        MaxStep = maxStep,
        Priority = 2,
        Tpl = new Template { Id = 100, ActionId = 7 },
    };

    private static JudgeItem Gauge(string host, long ts, double value) => new(host, "cpu.busy", TagSet.Empty, value, ts, CounterType.Gauge);

    private static JudgeItem Counter(string host, long ts, double value) => new(host, "net.if.in.bytes", TagSet.Empty, value, ts, CounterType.Counter);

    /// <summary>An engine with its outbox on a real Redis, rules fixed, time fake, and a queue pattern of its own.</summary>
    private sealed class TestJudge : IAsyncDisposable, IJudgeRulesSource
    {
        private readonly RedisConnection _redis;
        private readonly EventOutbox _outbox;
        private readonly string _pattern;

        private TestJudge(RedisConnection redis, string host, JudgeRules rules, TimeSpan minInterval)
        {
            _redis = redis;
            Current = rules;
            Host = host;
            _pattern = JudgeRoleTests.Name("ev") + ":p%v";
            var options = Options.Create(new JudgeOptions { EventQueuePattern = _pattern, MinInterval = minInterval });
            Meters = new TestMeterFactory();
            var metrics = new JudgeMetrics(Meters);
            _outbox = new EventOutbox(new EventPublisher(redis), options, Time, metrics, NullLogger<EventOutbox>.Instance);
            Engine = new JudgeEngine(this, new EventStateMachine(Time), new LastEventStore(redis, NullLogger<LastEventStore>.Instance), _outbox, options, Time, metrics, NullLogger<JudgeEngine>.Instance);
        }

        public JudgeRules Current { get; }

        public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(T0 + 86_400));

        public TestMeterFactory Meters { get; }

        public JudgeEngine Engine { get; }

        public string Host { get; }

        public static async Task<TestJudge> StartAsync(params Strategy[] strategies) => await StartAsync(strategies, []);

        public static async Task<TestJudge> StartAsync(Strategy strategy, TimeSpan minInterval) => await StartAsync([strategy], [], minInterval);

        public static async Task<TestJudge> StartAsync(Strategy[]? strategies = null, Expression[]? expressions = null, TimeSpan? minInterval = null)
        {
            var host = JudgeRoleTests.Name("host");
            var rules = new JudgeRules(
                new StrategyIndex(new StrategiesResponse { HostStrategies = [new HostStrategies { Hostname = host, Strategies = [.. strategies ?? []] }] }),
                new ExpressionIndex(new ExpressionsResponse { Expressions = [.. expressions ?? []] }));
            var judge = new TestJudge(await EventPublisherTests.ConnectAsync(cluster: false), host, rules, minInterval ?? TimeSpan.FromSeconds(300));
            await judge._outbox.StartAsync(CancellationToken.None);
            return judge;
        }

        public async Task JudgeAsync(params JudgeItem[] items)
        {
            await Engine.JudgeAsync(items, CancellationToken.None);
            await Poll.UntilAsync(() => Task.FromResult(_outbox.Pending == 0), TimeSpan.FromSeconds(10), "events pushed");
        }

        public async Task<List<JsonElement>> EventsAsync(int priority = 2)
        {
            var db = await _redis.GetDatabaseAsync(CancellationToken.None);
            var values = await db.ListRangeAsync(_pattern.Replace("%v", priority.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            return [.. values.Reverse().Select(v => JsonDocument.Parse((string)v!).RootElement)];
        }

        public async ValueTask DisposeAsync()
        {
            await _outbox.StopAsync(CancellationToken.None);
            _outbox.Dispose();
            Meters.Dispose();
            await _redis.DisposeAsync();
        }
    }
}
