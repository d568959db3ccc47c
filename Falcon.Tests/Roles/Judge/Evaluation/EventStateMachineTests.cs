using Falcon.Roles.Judge.Evaluation;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Judge.Evaluation;

public sealed class EventStateMachineTests
{
    private const string Id = "s_12_0123456789abcdef0123456789abcdef";
    private const long Start = 1_700_000_040;

    private static readonly TimeSpan MinInterval = EventStateMachine.DefaultMinInterval;

    private FakeTimeProvider _time = null!;
    private EventStateMachine _machine = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Start));
        _machine = new EventStateMachine(_time);
    }

    [Test]
    public void FirstTrigger_SendsProblemAtStepOne()
    {
        var sent = _machine.Decide(Id, true, 95, maxStep: 3, oldestPointTs: Start - 120, itemTs: Start, MinInterval);

        Assert.That(sent, Is.EqualTo(new EventDecision(Id, EventStatus.Problem, 1, Start, 95)));
    }

    [Test]
    public void RepeatedTrigger_AfterMinIntervalWithANewWindow_CountsUpToMaxStepThenStops()
    {
        var steps = new List<int?>();
        for (var k = 0; k < 5; k++)
        {
            var ts = Start + (300 * k);
            _time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(ts));
            steps.Add(_machine.Decide(Id, true, 95, maxStep: 3, oldestPointTs: ts - 120, itemTs: ts, MinInterval)?.CurrentStep);
        }

        Assert.That(steps, Is.EqualTo(new int?[] { 1, 2, 3, null, null }));
    }

    [Test]
    public void RepeatedTrigger_WithinMinInterval_SendsNothing()
    {
        Problem(Start);
        _time.Advance(TimeSpan.FromSeconds(299));
        var ts = Start + 299;

        Assert.That(_machine.Decide(Id, true, 95, 3, oldestPointTs: ts - 60, itemTs: ts, MinInterval), Is.Null);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(_machine.Decide(Id, true, 95, 3, oldestPointTs: ts - 60, itemTs: ts + 1, MinInterval)?.CurrentStep, Is.EqualTo(2));
    }

    [Test]
    public void MinInterval_IsMeasuredFromTheEventTimeToTheJudgeClock()
    {
        Problem(Start);
        _time.Advance(TimeSpan.FromSeconds(60));

        var custom = TimeSpan.FromSeconds(60);
        Assert.That(_machine.Decide(Id, true, 95, 3, oldestPointTs: Start + 60, itemTs: Start + 60, custom)?.CurrentStep, Is.EqualTo(2));
    }

    [Test]
    public void RepeatedTrigger_WhoseWindowStillHoldsTheAlarmedPoint_SendsNothing()
    {
        Problem(Start);
        _time.Advance(TimeSpan.FromHours(1));
        var ts = Start + 3600;

        Assert.Multiple(() =>
        {
            Assert.That(_machine.Decide(Id, true, 95, 3, oldestPointTs: Start, itemTs: ts, MinInterval), Is.Null);
            Assert.That(_machine.Decide(Id, true, 95, 3, oldestPointTs: Start + 1, itemTs: ts, MinInterval)?.CurrentStep, Is.EqualTo(2));
        });
    }

    [Test]
    public void Recovery_AfterProblem_SendsOkOnceAtStepOne()
    {
        Problem(Start);
        _time.Advance(TimeSpan.FromSeconds(60));

        var ok = _machine.Decide(Id, false, 10, 3, Start + 60, Start + 60, MinInterval);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.EqualTo(new EventDecision(Id, EventStatus.Ok, 1, Start + 60, 10)));
            Assert.That(_machine.Decide(Id, false, 10, 3, Start + 120, Start + 120, MinInterval), Is.Null);
        });
    }

    [Test]
    public void NotTriggered_WithNoEventBefore_SendsNothing()
    {
        Assert.That(_machine.Decide(Id, false, 10, 3, Start, Start, MinInterval), Is.Null);
    }

    [Test]
    public void Trigger_AfterOk_StartsAgainAtStepOneWithoutWaitingForMinInterval()
    {
        Problem(Start);
        _machine.Decide(Id, false, 10, 3, Start + 60, Start + 60, MinInterval);
        _time.Advance(TimeSpan.FromSeconds(120));

        Assert.That(_machine.Decide(Id, true, 95, 3, Start + 60, Start + 120, MinInterval)?.CurrentStep, Is.EqualTo(1));
    }

    [Test]
    public void MaxStepZero_MutesAndRemembersNothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_machine.Decide(Id, true, 95, maxStep: 0, Start - 120, Start, MinInterval), Is.Null);
            Assert.That(_machine.Decide(Id, false, 10, maxStep: 0, Start, Start + 60, MinInterval), Is.Null);
            Assert.That(_machine.Count, Is.Zero);
        });
    }

    [Test]
    public void EventIds_AreIndependent()
    {
        Problem(Start);

        Assert.That(_machine.Decide("s_13_other", true, 95, 3, Start - 120, Start, MinInterval)?.CurrentStep, Is.EqualTo(1));
    }

    [Test]
    public void Snapshot_RestoredIntoANewMachine_StillSendsTheOk()
    {
        Problem(Start);
        var snapshot = _machine.Snapshot();
        var restarted = new EventStateMachine(_time);
        restarted.Restore(snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(snapshot[Id], Is.EqualTo(new LastEvent(EventStatus.Problem, 1, Start)));
            Assert.That(restarted.Decide(Id, true, 95, 3, Start - 60, Start + 60, MinInterval), Is.Null);
            Assert.That(restarted.Decide(Id, false, 10, 3, Start, Start + 120, MinInterval)?.Status, Is.EqualTo(EventStatus.Ok));
        });
    }

    [Test]
    public void TryGetLast_ReflectsTheLastSentEvent()
    {
        Problem(Start);

        Assert.That(_machine.TryGetLast(Id, out var last), Is.True);
        Assert.That(last, Is.EqualTo(new LastEvent(EventStatus.Problem, 1, Start)));
    }

    private void Problem(long ts) =>
        Assert.That(_machine.Decide(Id, true, 95, 3, ts - 120, ts, MinInterval)?.CurrentStep, Is.EqualTo(1));
}
