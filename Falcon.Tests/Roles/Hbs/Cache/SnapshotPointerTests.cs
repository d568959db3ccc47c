using System.Text;
using Falcon.Roles.Hbs.Cache;

namespace Falcon.Tests.Roles.Hbs.Cache;

public sealed class SnapshotPointerTests
{
    [Test]
    public void TryParse_OfItsOwnJson_GivesBackThePointer()
    {
        var pointer = new SnapshotPointer(12, new DateTimeOffset(2025, 6, 1, 12, 0, 0, 5, TimeSpan.Zero), "{hbs:cache}:snapshot:12", 4096);

        Assert.That(SnapshotPointer.TryParse(pointer.ToJson()), Is.EqualTo(pointer));
    }

    [Test]
    public void ToJson_StartsWithTheGeneration_AsThePublishScriptReadsIt()
    {
        var json = Encoding.UTF8.GetString(new SnapshotPointer(9, DateTimeOffset.UnixEpoch, "k", 1).ToJson());

        Assert.That(json, Does.StartWith("{\"generation\":9,"));
    }

    [TestCase("")]
    [TestCase("{hbs:cache}:snapshot:3")]
    [TestCase("{\"generation\":3}")]
    [TestCase("{\"generation\":\"3\",\"createdAt\":\"2025-06-01T12:00:00Z\",\"key\":\"k\",\"length\":1}")]
    [TestCase("[1,2]")]
    public void TryParse_OfAnythingElse_IsNull(string value)
    {
        Assert.That(SnapshotPointer.TryParse(Encoding.UTF8.GetBytes(value)), Is.Null);
    }
}
