using Falcon.Roles.Console.Config;
using Falcon.Roles.Console.Config.Groups;

namespace Falcon.Tests.Roles.Console.Config.Groups;

public sealed class HostGlobTests
{
    [TestCase("web-*", "web-%")]
    [TestCase("db-?", "db-_")]
    [TestCase("a_b%c\\d*", "a\\_b\\%c\\\\d%")]
    public void ToLike_TurnsWildcardsIntoLike_AndEscapesLikesOwn(string pattern, string like) =>
        Assert.That(HostGlob.ToLike(pattern), Is.EqualTo(like));

    [TestCase("web-*", "WEB-01", true)]
    [TestCase("web-?", "web-12", false)]
    [TestCase("web-?", "web-1", true)]
    [TestCase("a.b", "axb", false)]
    [TestCase("*", "anything", true)]
    public void ToRegex_MatchesLikeTheDatabaseDoes(string pattern, string host, bool matches) =>
        Assert.That(HostGlob.ToRegex(pattern).IsMatch(host), Is.EqualTo(matches));

    [TestCase("shop/db")]
    [TestCase("a")]
    public void Tag_AcceptsPaths(string tag) => Assert.That(ConfigText.Tag(tag), Is.EqualTo(tag));

    [TestCase("/shop")]
    [TestCase("shop/")]
    [TestCase("shop//db")]
    [TestCase("shop/ db")]
    [TestCase("~untagged")]
    public void Tag_RefusesMalformedPaths(string tag) =>
        Assert.That(() => ConfigText.Tag(tag), Throws.TypeOf<ConfigValidationException>().With.Property("Field").EqualTo("tags"));
}
