using Falcon.Shared.Silences;

namespace Falcon.Tests.Shared.Silences;

public sealed class SilenceDraftTests
{
    private static readonly TimeSpan Max = TimeSpan.FromDays(30);

    [Test]
    public void Validate_OfACompleteDraft_FindsNothingWrong()
    {
        Assert.That(Draft().Validate(Max), Is.Null);
    }

    [Test]
    public void Validate_AcceptsEveryEndpoint_AndAnEmptyComment()
    {
        Assert.That((Draft() with { Endpoint = SilenceCounter.AnyEndpoint, Comment = null }).Validate(Max), Is.Null);
    }

    [TestCase("", "user is empty")]
    [TestCase("  ", "user is empty")]
    [TestCase("al ice", "must not contain spaces")]
    [TestCase("al\tice", "must not contain spaces")]
    public void Validate_OfABadUser_NamesIt(string user, string problem)
    {
        Assert.That((Draft() with { User = user }).Validate(Max), Does.Contain(problem));
    }

    [Test]
    public void Validate_OfAMissingEndpointOrCounter_NamesIt()
    {
        Assert.Multiple(() =>
        {
            Assert.That((Draft() with { Endpoint = null }).Validate(Max), Is.EqualTo("endpoint is empty"));
            Assert.That((Draft() with { Counter = "" }).Validate(Max), Does.StartWith("counter is empty"));
        });
    }

    [TestCase(0)]
    [TestCase(-60)]
    public void Validate_OfNoTime_IsRefused(int seconds)
    {
        Assert.That((Draft() with { Duration = TimeSpan.FromSeconds(seconds) }).Validate(Max), Is.EqualTo("the duration must be more than zero"));
    }

    [Test]
    public void Validate_OfMoreThanTheLongestAllowed_NamesTheSetting()
    {
        Assert.That((Draft() with { Duration = TimeSpan.FromDays(31) }).Validate(Max), Does.Contain("alarm.silences.maxDuration").And.Contain("30d"));
    }

    [Test]
    public void Validate_OfAnOverlongComment_IsRefused()
    {
        Assert.That((Draft() with { Comment = new string('c', SilenceDraft.MaxCommentLength + 1) }).Validate(Max), Does.Contain("comment is longer"));
    }

    [Test]
    public void Ids_AreTheSameForTheSameRecipientEndpointAndCounter_AndDifferOtherwise()
    {
        var id = SilenceIds.Of("alice", "host-a", "cpu.idle");

        Assert.Multiple(() =>
        {
            Assert.That(SilenceIds.IsWellFormed(id), Is.True);
            Assert.That(SilenceIds.Of("alice", "host-a", "cpu.idle"), Is.EqualTo(id));
            Assert.That(SilenceIds.Of("bob", "host-a", "cpu.idle"), Is.Not.EqualTo(id));
            Assert.That(SilenceIds.Of("alice", "host-b", "cpu.idle"), Is.Not.EqualTo(id));
            Assert.That(SilenceIds.Of("alice", "host-a", "cpu.busy"), Is.Not.EqualTo(id));
            Assert.That(SilenceIds.IsWellFormed("0123456789ABCDEF"), Is.True);
            Assert.That(SilenceIds.IsWellFormed("0123456789abcdeg"), Is.False);
            Assert.That(SilenceIds.IsWellFormed("0123456789abcde"), Is.False);
            Assert.That(SilenceIds.IsWellFormed(null), Is.False);
        });
    }

    private static SilenceDraft Draft() => new("alice", "host-a", "cpu.idle", TimeSpan.FromHours(1), "on it", "ops");
}
