using Falcon.Roles.Agent.Upgrade;

namespace Falcon.Tests.Roles.Agent.Upgrade;

public sealed class UpgradeMarkerTests
{
    [Test]
    public void Read_OfAWrittenMarker_GivesItBack()
    {
        using var directory = new UpgradeDirectory();
        var swapped = new DateTimeOffset(2026, 11, 24, 23, 0, 0, 123, TimeSpan.Zero);
        var marker = new UpgradeMarker("7.1.0", "7.0.0", swapped, swapped.AddMinutes(10), 5, 3, "4f1c0d", RolledBack: true, "3 starts used up");

        marker.Write(directory.Paths);

        Assert.That(UpgradeMarker.Read(directory.Paths.Marker), Is.EqualTo(marker));
        Assert.That(directory.Files, Is.EquivalentTo(new[] { "falcon", "falcon.upgrade" }), "no temporary file is left");
    }

    [Test]
    public void Read_OfAMarkerWrittenBeforeReasonsWereKept_GivesAnEmptyReason()
    {
        using var directory = new UpgradeDirectory();
        File.WriteAllText(directory.Paths.Marker, "version=7.1\nprevious=7.0\nswapped=2026-11-24T23:00:00.0000000+00:00\ndeadline=2026-11-24T23:10:00.0000000+00:00\nmaxStarts=5\nstarts=1\nlastStart=x\nrolledBack=true\n");

        Assert.That(UpgradeMarker.Read(directory.Paths.Marker)!.Reason, Is.Empty);
    }

    [Test]
    public void Read_WhenThereIsNoMarker_GivesNull()
    {
        using var directory = new UpgradeDirectory();

        Assert.That(UpgradeMarker.Read(directory.Paths.Marker), Is.Null);
    }

    [TestCase("garbage")]
    [TestCase("version=7.1\nprevious=7.0\n")]
    [TestCase("version=7.1\nprevious=7.0\nswapped=yesterday\ndeadline=today\nmaxStarts=5\nstarts=1\nlastStart=x\nrolledBack=false\n")]
    public void Read_OfADamagedMarker_ThrowsFormatException(string text)
    {
        using var directory = new UpgradeDirectory();
        File.WriteAllText(directory.Paths.Marker, text);

        Assert.Throws<FormatException>(() => UpgradeMarker.Read(directory.Paths.Marker));
    }
}
