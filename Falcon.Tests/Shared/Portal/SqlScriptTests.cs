using Falcon.Shared.Portal;

namespace Falcon.Tests.Shared.Portal;

public sealed class SqlScriptTests
{
    [Test]
    public void Split_SeparatesStatementsAndDropsComments()
    {
        var statements = SqlScript.Split("""
            -- upstream's comment; with a semicolon
            /* a block; comment */
            CREATE TABLE a (x INT); # trailing comment; too
            INSERT INTO a VALUES (1);
            """);

        Assert.That(statements, Is.EqualTo(new[] { "CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)" }));
    }

    [Test]
    public void Split_KeepsSemicolonsAndCommentMarkersInsideQuotes()
    {
        var statements = SqlScript.Split("SELECT 'a;b -- c', \"d;e\", `f;g`, 'it''s; \\'x\\';'; SELECT 2");

        Assert.That(statements, Is.EqualTo(new[] { "SELECT 'a;b -- c', \"d;e\", `f;g`, 'it''s; \\'x\\';'", "SELECT 2" }));
    }

    [Test]
    public void Split_TreatsDoubleDashWithoutSpaceAsAnOperator()
    {
        Assert.That(SqlScript.Split("SELECT 1--1"), Is.EqualTo(new[] { "SELECT 1--1" }));
    }

    [TestCase("SELECT 'open")]
    [TestCase("SELECT 1 /* open")]
    public void Split_RejectsUnterminatedQuotesAndComments(string script)
    {
        Assert.That(() => SqlScript.Split(script), Throws.TypeOf<FormatException>());
    }
}
