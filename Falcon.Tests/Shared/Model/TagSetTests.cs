using Falcon.Shared.Model;

namespace Falcon.Tests.Shared.Model;

public sealed class TagSetTests
{
    [Test]
    public void Parse_WhenNullOrEmpty_IsEmpty()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TagSet.Parse(null), Is.SameAs(TagSet.Empty));
            Assert.That(TagSet.Parse(""), Is.SameAs(TagSet.Empty));
            Assert.That(TagSet.Empty.Canonical, Is.Empty);
        });
    }

    [Test]
    public void Parse_RemovesEverySpace()
    {
        var tags = TagSet.Parse(" mount = /data 1 , fstype= ext4 ");

        Assert.Multiple(() =>
        {
            Assert.That(tags["mount"], Is.EqualTo("/data1"));
            Assert.That(tags["fstype"], Is.EqualTo("ext4"));
            Assert.That(tags.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void Parse_KeepsTabsBecauseGoRemovesOnlySpaces()
    {
        var tags = TagSet.Parse("k=\tv");

        Assert.That(tags["k"], Is.EqualTo("\tv"));
    }

    [Test]
    public void Parse_WhenPartHasNoEquals_DropsIt()
    {
        var tags = TagSet.Parse("a=1,junk,,b=2,");

        Assert.That(tags.Canonical, Is.EqualTo("a=1,b=2"));
    }

    [Test]
    public void Parse_SplitsAtFirstEqualsAndKeepsTheRestInValue()
    {
        var tags = TagSet.Parse("url=http://x/?a=1&b=2,timeout=3");

        Assert.Multiple(() =>
        {
            Assert.That(tags["url"], Is.EqualTo("http://x/?a=1&b=2"));
            Assert.That(tags["timeout"], Is.EqualTo("3"));
        });
    }

    [Test]
    public void Parse_WhenKeyOrValueEmpty_KeepsPair()
    {
        var tags = TagSet.Parse("=v,k=");

        Assert.Multiple(() =>
        {
            Assert.That(tags[""], Is.EqualTo("v"));
            Assert.That(tags["k"], Is.Empty);
            Assert.That(tags.Canonical, Is.EqualTo("=v,k="));
        });
    }

    [Test]
    public void Parse_WhenKeyRepeated_LaterValueWins()
    {
        var tags = TagSet.Parse("k=1,x=0,k=2");

        Assert.Multiple(() =>
        {
            Assert.That(tags["k"], Is.EqualTo("2"));
            Assert.That(tags.Count, Is.EqualTo(2));
            Assert.That(tags.Canonical, Is.EqualTo("k=2,x=0"));
        });
    }

    [Test]
    public void Canonical_SortsKeysOrdinallyAndJoinsWithComma()
    {
        var tags = TagSet.Parse("zone=a,Zone=b,core=0,a.b=1");

        Assert.Multiple(() =>
        {
            Assert.That(tags.Canonical, Is.EqualTo("Zone=b,a.b=1,core=0,zone=a"));
            Assert.That(tags.ToString(), Is.EqualTo(tags.Canonical));
            Assert.That(string.Join(" ", tags.Keys), Is.EqualTo("Zone a.b core zone"));
        });
    }

    [Test]
    public void Canonical_WhenOneTag_IsKeyEqualsValue()
    {
        Assert.That(TagSet.Parse("port=8080").Canonical, Is.EqualTo("port=8080"));
    }

    [Test]
    public void CompareKeys_OrdersLikeUtf8BytesNotUtf16Units()
    {
        // U+FF21 is EF BC A1 in UTF-8, U+1F600 is F0 9F 98 80, so Go sorts the emoji last;
        // UTF-16 ordinal order would put its surrogates (D83D) first.
        var tags = TagSet.Parse("\U0001F600=1,\uFF21=2");

        Assert.Multiple(() =>
        {
            Assert.That(TagSet.CompareKeys("\uFF21", "\U0001F600"), Is.Negative);
            Assert.That(tags.Canonical, Is.EqualTo("\uFF21=2,\U0001F600=1"));
        });
    }

    [Test]
    public void CompareKeys_WhenPrefix_ShorterFirst()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TagSet.CompareKeys("ab", "abc"), Is.Negative);
            Assert.That(TagSet.CompareKeys("abc", "ab"), Is.Positive);
            Assert.That(TagSet.CompareKeys("ab", "ab"), Is.Zero);
        });
    }

    [Test]
    public void TryGetValue_WhenKeyMissing_ReturnsFalse()
    {
        var tags = TagSet.Parse("a=1,c=3");

        Assert.Multiple(() =>
        {
            Assert.That(tags.TryGetValue("b", out _), Is.False);
            Assert.That(tags.ContainsKey("c"), Is.True);
            Assert.That(() => tags["b"], Throws.TypeOf<KeyNotFoundException>());
        });
    }

    [Test]
    public void From_WhenPairsUnsorted_SortsThemAndLaterDuplicateWins()
    {
        var tags = TagSet.From([new("b", "2"), new("a", "1"), new("b", "3")]);

        Assert.That(tags.Canonical, Is.EqualTo("a=1,b=3"));
    }

    [Test]
    public void From_WhenManyPairsFromLazySequence_KeepsThemAll()
    {
        var tags = TagSet.From(Enumerable.Range(0, 20).Select(i => new KeyValuePair<string, string>("k" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), "v")));

        Assert.Multiple(() =>
        {
            Assert.That(tags.Count, Is.EqualTo(20));
            Assert.That(tags.Keys.First(), Is.EqualTo("k00"));
            Assert.That(tags.Keys.Last(), Is.EqualTo("k19"));
        });
    }

    [Test]
    public void Equals_WhenSameTagsInAnyOrder_IsTrue()
    {
        var first = TagSet.Parse("a=1,b=2");
        var second = TagSet.Parse("b=2, a=1");

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(second));
            Assert.That(first.GetHashCode(), Is.EqualTo(second.GetHashCode()));
            Assert.That(first, Is.Not.EqualTo(TagSet.Parse("a=1,b=3")));
        });
    }
}
