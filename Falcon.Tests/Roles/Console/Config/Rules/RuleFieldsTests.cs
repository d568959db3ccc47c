using Falcon.Roles.Console.Config;
using Falcon.Roles.Console.Config.Rules;

namespace Falcon.Tests.Roles.Console.Config.Rules;

public sealed class RuleFieldsTests
{
    [TestCase("", "")]
    [TestCase(" mount = / , fstype=ext4 ", "mount=/,fstype=ext4")]
    [TestCase("a=b=c", "a=b=c")]
    public void CheckTags_RemovesSpacesAroundKeysAndValues(string tags, string expected) =>
        Assert.That(RuleFields.CheckTags(tags), Is.EqualTo(expected));

    [TestCase("mount")]
    [TestCase("=x")]
    [TestCase("k=")]
    [TestCase("a=1,,b=2")]
    [TestCase("a=1,a=2")]
    public void CheckTags_RefusesWhatHbsWouldDropOrOverride(string tags) =>
        Assert.That(() => RuleFields.CheckTags(tags), Throws.TypeOf<ConfigValidationException>().With.Property("Field").EqualTo("tags"));

    [TestCase("00:00", "23:59")]
    [TestCase("22:00", "06:00")]
    [TestCase("", "")]
    public void CheckRunWindow_AcceptsTwoTimesOrNone(string begin, string end) =>
        Assert.That(RuleFields.CheckRunWindow(begin, end), Is.EqualTo((begin, end)));

    [TestCase("24:00", "08:00", "runBegin")]
    [TestCase("8:00", "09:00", "runBegin")]
    [TestCase("08:00", "09:60", "runEnd")]
    [TestCase("", "08:00", "runBegin")]
    public void CheckRunWindow_RefusesOthers(string begin, string end, string field) =>
        Assert.That(() => RuleFields.CheckRunWindow(begin, end), Throws.TypeOf<ConfigValidationException>().With.Property("Field").EqualTo(field));

    [TestCase("all(#1)", "==", "0")]
    [TestCase("lookup(#2,3)", "=", "1.5")]
    [TestCase("kpdiff(#10,100)", "!=", "-1e3")]
    public void CheckJudgement_AcceptsWhatTheJudgeEvaluates(string func, string op, string rightValue) =>
        Assert.That(RuleFields.CheckJudgement($" {func} ", op, rightValue, 64), Is.EqualTo((func, op, rightValue)));

    [TestCase("all(#0)", "<", "1", "func")]
    [TestCase("all(#x)", "<", "1", "func")]
    [TestCase("lookup(#3)", "<", "1", "func")]
    [TestCase("kpdiff(#100,1000)", "<", "1", "func")]
    [TestCase("all(#1)", "=>", "1", "op")]
    [TestCase("all(#1)", "", "1", "op")]
    [TestCase("all(#1)", "<", "NaN", "rightValue")]
    [TestCase("all(#1)", "<", "Inf", "rightValue")]
    [TestCase("all(#1)", "<", "1,5", "rightValue")]
    [TestCase("all(#1)", "<", "", "rightValue")]
    public void CheckJudgement_RefusesOnTheField(string func, string op, string rightValue, string field) =>
        Assert.That(() => RuleFields.CheckJudgement(func, op, rightValue, 64), Throws.TypeOf<ConfigValidationException>().With.Property("Field").EqualTo(field));

    [Test]
    public void CheckLength_CountsCharactersAsMySqlDoes_NotUtf16Units()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 128));

        Assert.That(RuleFields.CheckLength("note", emoji, 128, ""), Is.EqualTo(emoji));
        Assert.That(() => RuleFields.CheckLength("note", emoji + "x", 128, ""), Throws.TypeOf<ConfigValidationException>());
    }
}
