using Falcon.Roles.Judge.Evaluation;

namespace Falcon.Tests.Roles.Judge.Evaluation;

public sealed class SeriesHistoryTests
{
    [Test]
    public void TryAdd_WithOlderOrEqualTimestamp_IsNotAccepted()
    {
        var history = new SeriesHistory();
        Assert.Multiple(() =>
        {
            Assert.That(history.TryAdd(120, 1), Is.True);
            Assert.That(history.TryAdd(60, 2), Is.False);
            Assert.That(history.TryAdd(120, 3), Is.False);
            Assert.That(history.Count, Is.EqualTo(1));
        });

        Assert.That(history.TryGetWindow(1, isGauge: true, out var window), Is.True);
        Assert.That(window[0], Is.EqualTo(new HistoryPoint(120, 1)));
    }

    [Test]
    public void TryAdd_WithNonPositiveTimestampAfterTheFirstPoint_IsNotAccepted()
    {
        var history = new SeriesHistory();
        Assert.That(history.TryAdd(0, 1), Is.True);
        Assert.That(history.TryAdd(-5, 1), Is.False);
    }

    [Test]
    public void TryAdd_BeyondRemain_KeepsOnlyTheNewestRemainPoints()
    {
        var history = new SeriesHistory(remain: 3);
        for (var ts = 60; ts <= 300; ts += 60)
        {
            history.TryAdd(ts, ts / 60);
        }

        Assert.Multiple(() =>
        {
            Assert.That(history.Count, Is.EqualTo(3));
            Assert.That(history.TryGetWindow(4, isGauge: true, out _), Is.False);
            Assert.That(history.TryGetWindow(3, isGauge: true, out var window), Is.True);
            Assert.That(window.Select(p => p.Value), Is.EqualTo(new[] { 5.0, 4.0, 3.0 }));
            Assert.That(window.Select(p => p.Timestamp), Is.EqualTo(new long[] { 300, 240, 180 }));
        });
    }

    [Test]
    public void DefaultRemain_IsEleven()
    {
        Assert.That(new SeriesHistory().Remain, Is.EqualTo(11));
    }

    [Test]
    public void TryGetWindow_ForAGaugeWithFewerThanLimitPoints_IsNotEnoughData()
    {
        var history = Gauge(3, 2, 1);
        Assert.Multiple(() =>
        {
            Assert.That(history.TryGetWindow(4, isGauge: true, out _), Is.False);
            Assert.That(history.TryGetWindow(3, isGauge: true, out var window), Is.True);
            Assert.That(window, Has.Length.EqualTo(3));
        });
    }

    [Test]
    public void TryGetWindow_WithLimitBelowOne_IsNotEnoughData()
    {
        Assert.That(Gauge(3, 2, 1).TryGetWindow(0, isGauge: true, out _), Is.False);
    }

    [Test]
    public void TryGetWindow_ForACounter_NeedsLimitPlusOnePoints()
    {
        var history = Gauge(3, 2, 1);
        Assert.Multiple(() =>
        {
            Assert.That(history.TryGetWindow(3, isGauge: false, out _), Is.False);
            Assert.That(history.TryGetWindow(2, isGauge: false, out var window), Is.True);
            Assert.That(window, Has.Length.EqualTo(2));
        });
    }

    [Test]
    public void TryGetWindow_ForACounter_GivesPerSecondRatesStampedWithTheNewerTimestamp()
    {
        var history = new SeriesHistory();
        history.TryAdd(60, 100);
        history.TryAdd(120, 160);
        history.TryAdd(150, 190);

        Assert.That(history.TryGetWindow(2, isGauge: false, out var window), Is.True);
        Assert.That(window, Is.EqualTo(new[] { new HistoryPoint(150, 1), new HistoryPoint(120, 1) }));
    }

    [Test]
    public void TryGetWindow_ForACounterThatWentDown_KeepsTheNegativeRate()
    {
        var history = new SeriesHistory();
        history.TryAdd(60, 100);
        history.TryAdd(120, 40);

        Assert.That(history.TryGetWindow(1, isGauge: false, out var window), Is.True);
        Assert.That(window[0], Is.EqualTo(new HistoryPoint(120, -1)));
    }

    [TestCase("GAUGE", true)]
    [TestCase("gauge", true)]
    [TestCase("G", true)]
    [TestCase("COUNTER", false)]
    [TestCase("DERIVE", false)]
    [TestCase("", false)]
    public void IsGaugeType_LooksAtTheFirstLetterOnly(string judgeType, bool expected)
    {
        Assert.That(SeriesHistory.IsGaugeType(judgeType), Is.EqualTo(expected));
    }

    // Values newest first, one minute apart.
    private static SeriesHistory Gauge(params double[] newestFirst)
    {
        var history = new SeriesHistory();
        for (var i = newestFirst.Length - 1; i >= 0; i--)
        {
            history.TryAdd(60L * (newestFirst.Length - i), newestFirst[i]);
        }

        return history;
    }
}
