using Falcon.Cli.Silence;
using SilenceRecord = Falcon.Shared.Silences.Silence;

namespace Falcon.Tests.Cli.Silence;

public sealed class SilenceListViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void Render_OfNothing_SaysSo()
    {
        Assert.That(SilenceListView.Render([], Now), Is.EqualTo("no silences in force" + Environment.NewLine));
    }

    [Test]
    public void Render_AlignsColumns_WithTimeLeftRoundedUpToMinutes()
    {
        SilenceRecord[] silences =
        [
            new("0123456789abcdef", "alice", "host-a", "cpu.idle", Now.AddMinutes(59).AddSeconds(30), "upgrading", "carol@ops1", Now),
            new("fedcba9876543210", "team-db", "*", "df.bytes.free.percent/mount=/data", Now.AddDays(2), "", "bob (alarm link)", Now),
        ];

        var lines = SilenceListView.Render(silences, Now).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(lines[0], Does.StartWith("ID                USER     ENDPOINT  COUNTER"));
            Assert.That(lines[1], Does.StartWith("0123456789abcdef  alice    host-a    cpu.idle "));
            Assert.That(lines[1], Does.Contain("2026-03-01 09:59  1h    carol@ops1        upgrading"));
            Assert.That(lines[2], Does.Contain("2026-03-03 09:00  2d    bob (alarm link)").And.Not.EndsWith(" "));
        });
    }
}
