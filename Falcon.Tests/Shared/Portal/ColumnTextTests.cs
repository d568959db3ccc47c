using Falcon.Shared.Portal;

namespace Falcon.Tests.Shared.Portal;

public sealed class ColumnTextTests
{
    [TestCase("host-a", 100, "host-a")]
    [TestCase("h\U0001F525st", 100, "h\uFFFDst")]
    [TestCase("\U0001F525\U0001F525", 100, "\uFFFD\uFFFD")]
    [TestCase("中文主机", 100, "中文主机")]
    [TestCase("abcdef", 4, "abcd")]
    [TestCase("ab\U0001F525cd", 3, "ab\uFFFD")]
    [TestCase("", 10, "")]
    public void Fit_ReplacesFourByteCharactersAndCutsToTheWidth(string value, int width, string expected) =>
        Assert.That(ColumnText.Fit(value, width), Is.EqualTo(expected));

    [Test]
    public void Fit_ALoneSurrogate_BecomesTheReplacementCharacter() =>
        Assert.That(ColumnText.Fit("a\uD83Db", 10), Is.EqualTo("a\uFFFDb"));

    [Test]
    public void Fit_Null_IsEmpty() => Assert.That(ColumnText.Fit(null, 10), Is.EqualTo(""));

    [TestCase("h\U0001F525st", 100, "h\U0001F525st")]
    [TestCase("ab\U0001F525cd", 3, "ab\U0001F525")]
    [TestCase("\U0001F525\U0001F525\U0001F525", 2, "\U0001F525\U0001F525")]
    [TestCase("abcdef", 4, "abcd")]
    public void Fit_ForAFourByteColumn_KeepsEmojiAndCutsToCharactersNotUnits(string value, int width, string expected) =>
        Assert.That(ColumnText.Fit(value, width, fourByteColumn: true), Is.EqualTo(expected));

    [Test]
    public void Fit_ForAFourByteColumn_ALoneSurrogateStillBecomesTheReplacementCharacter() =>
        Assert.That(ColumnText.Fit("a\uD83Db\U0001F525", 10, fourByteColumn: true), Is.EqualTo("a\uFFFDb\U0001F525"));
}
