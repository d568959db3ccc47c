using System.Text.Json;
using Falcon.Roles.Console.Config.Portal;

namespace Falcon.Tests.Roles.Console.Config.Portal;

public sealed class PortalYamlTests
{
    private static readonly string[] Sections = ["users", "templates", "groups"];

    [Test]
    public void WriteThenRead_GivesBackTheSameJson_WhateverTheStringsLookLike()
    {
        const string json = """
            {"name":"sa.base","parent":null,"n":90,"neg":-1.5e3,"ok":true,"no":false,
             "strings":["90","true","yes","No","null","~","","  padded ","a: b","x #y","all(#3)","-dash","00:00","10.0.0.7","line\nbreak","tab\there","quote\"s","back\\slash","中文","é","{brace}","[x]","*star","&amp","!bang","%pct","@at","`tick",">","|",".inf","0x1F","web-*","k=v,k2=v2","each(metric=cpu.idle endpoint=h1)"],
             "empty":[],"none":{},"nested":{"list":[{"a":1,"b":[]},{"c":{}}],"deep":[[1,2],["x"]]}}
            """;
        var document = new PortalDocument([new PortalSection("templates", [new PortalObject(json)])]);

        var yaml = PortalYamlWriter.Write(document, "header");
        var read = PortalYamlReader.Read(new StringReader(yaml), Sections);

        Assert.Multiple(() =>
        {
            Assert.That(read.Sections.Single().Name, Is.EqualTo("templates"));
            var back = read.Sections.Single().Objects.Single().Json;
            Assert.That(JsonElement.DeepEquals(JsonDocument.Parse(back).RootElement, JsonDocument.Parse(json).RootElement), Is.True, $"{yaml}\n=>\n{back}");
            Assert.That(back, Does.Contain("\"n\":90").And.Contain("\"neg\":-1.5e3"), "numbers keep their JSON text");
        });
    }

    [Test]
    public void Write_IsPlainWhereSafe_AndQuotesWhatAReaderCouldTakeForSomethingElse()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PortalYamlWriter.Text("cpu.idle"), Is.EqualTo("cpu.idle"));
            Assert.That(PortalYamlWriter.Text("k=v,k2=v2"), Is.EqualTo("k=v,k2=v2"));
            Assert.That(PortalYamlWriter.Text("90"), Is.EqualTo("\"90\""));
            Assert.That(PortalYamlWriter.Text("yes"), Is.EqualTo("\"yes\""));
            Assert.That(PortalYamlWriter.Text("all(#3)"), Is.EqualTo("\"all(#3)\""));
            Assert.That(PortalYamlWriter.Text(""), Is.EqualTo("\"\""));
            Assert.That(PortalYamlWriter.Text("a: b"), Is.EqualTo("\"a: b\""));
            Assert.That(PortalYamlWriter.Text("中文"), Is.EqualTo("\"中文\""), "readable, not \\u escapes");
        });
    }

    [Test]
    public void Write_OfTheSameObjects_IsTheSameText_WithEmptyListsShown()
    {
        var document = new PortalDocument(
        [
            new PortalSection("users", [new PortalObject("""{"name":"alice","role":1,"teams":["ops","dba"]}""")]),
            new PortalSection("groups", []),
        ]);

        var yaml = PortalYamlWriter.Write(document, "falcon portal export");

        Assert.That(yaml, Is.EqualTo("""
            # falcon portal export
            users:
            - name: alice
              role: 1
              teams:
              - ops
              - dba
            groups: []

            """.Replace("\r\n", "\n", StringComparison.Ordinal)));
        Assert.That(PortalYamlWriter.Write(document, "falcon portal export"), Is.EqualTo(yaml));
    }

    [Test]
    public void Read_OfHandWrittenYaml_TakesFlowListsQuotedNumbersAndEmptyLists()
    {
        const string yaml = """
            users:
            - {name: bob, role: 0}
            templates:
            - name: t
              rightValue: '90'
              maxStep: 3
              teams: [ops, dba]
            groups:
            """;

        var read = PortalYamlReader.Read(new StringReader(yaml), Sections);

        Assert.Multiple(() =>
        {
            Assert.That(read.Sections.Select(s => s.Name), Is.EqualTo(new[] { "users", "templates", "groups" }));
            Assert.That(read.Sections[0].Objects.Single().Json, Is.EqualTo("""{"name":"bob","role":0}"""));
            Assert.That(read.Sections[1].Objects.Single().Json, Is.EqualTo("""{"name":"t","rightValue":"90","maxStep":3,"teams":["ops","dba"]}"""));
            Assert.That(read.Sections[1].Objects.Single().Line, Is.EqualTo(4));
            Assert.That(read.Sections[2].Objects, Is.Empty);
        });
    }

    [TestCase("tempaltes: []", "unknown list 'tempaltes' (known: users, templates, groups)")]
    [TestCase("users: {name: x}", "line 1: users must be a list")]
    [TestCase("users:\n- alice", "line 2: users[0] must be an object")]
    [TestCase("- a\n- b", "a portal file is a mapping of lists")]
    [TestCase("users:\n- name: a\n  bad: [", "not valid YAML")]
    [TestCase("", "the file is empty")]
    public void Read_OfABadFile_SaysWhereAndWhat(string yaml, string expected)
    {
        Assert.That(() => PortalYamlReader.Read(new StringReader(yaml), Sections), Throws.InstanceOf<PortalFileException>().With.Message.Contains(expected));
    }
}
