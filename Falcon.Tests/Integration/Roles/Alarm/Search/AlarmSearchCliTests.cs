using System.CommandLine;
using System.Text.Json;
using Falcon.Cli;
using Falcon.Cli.Alarm;

namespace Falcon.Tests.Integration.Roles.Alarm.Search;

/// <summary>`falcon alarm search` against the routes on a real listener, found from the configuration or --url.</summary>
[Category("Integration")]
public sealed class AlarmSearchCliTests
{
    private static AlarmSearchInstance _alarm = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _alarm = await AlarmSearchInstance.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _alarm.DisposeAsync();

    [Test]
    public async Task Search_WithAUsersSession_PrintsOnlyTheirTeamsCases()
    {
        var listen = $"alarm.httpListen=0.0.0.0:{_alarm.Address.Port}";

        var alice = await RunAsync("--apitoken", $"alice:{AlarmSearchInstance.AliceSig}", "--set", listen);
        var bob = await RunAsync("--apitoken", $$"""{"name":"bob","sig":"{{AlarmSearchInstance.BobSig}}"}""", "--set", listen);

        Assert.Multiple(() =>
        {
            Assert.That(alice.Code, Is.EqualTo(ExitCodes.Ok), alice.Error);
            Assert.That(alice.Output, Does.StartWith("UPDATED (UTC)"));
            Assert.That(alice.Output, Does.Contain("s_1_aaa").And.Contain("s_1_bbb").And.Not.Contain("s_2_ccc"));
            Assert.That(alice.Output, Does.Contain("PROBLEM  0  2/3   web-1"));
            Assert.That(bob.Output, Does.Contain("s_2_ccc").And.Contain("e_5_ddd").And.Not.Contain("s_1_aaa"));
        });
    }

    [Test]
    public async Task Search_PassesEveryFilter_AndJsonPrintsTheReply()
    {
        var since = await RunAsync(
            "--url", $"127.0.0.1:{_alarm.Address.Port}", "--token", AlarmSearchInstance.AdminToken, "--since", "2h",
            "--endpoint", "db-*", "--metric", "mysql.alive", "--status", "problem", "--priority", "1,2", "--text", "DOWN", "--json", "--events");
        var page = JsonDocument.Parse(since.Output).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(since.Code, Is.EqualTo(ExitCodes.Ok), since.Error);
            Assert.That(page.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()), Is.EqualTo(new[] { "s_2_ccc" }));
            Assert.That(page.GetProperty("data")[0].GetProperty("events").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Search_PagesWithTheCursorItPrints()
    {
        var url = _alarm.Address.ToString();
        var first = await RunAsync("--url", url, "--token", AlarmSearchInstance.AdminToken, "--limit", "4");
        var cursor = first.Output.Split('\n').Single(l => l.StartsWith("more:", StringComparison.Ordinal)).Split(' ')[^1];
        var rest = await RunAsync("--url", url, "--token", AlarmSearchInstance.AdminToken, "--limit", "4", "--cursor", cursor);

        Assert.Multiple(() =>
        {
            Assert.That(first.Output, Does.Contain("e_5_ddd").And.Not.Contain("s_3_eee"));
            Assert.That(rest.Output, Does.Contain("s_3_eee").And.Not.Contain("e_5_ddd").And.Not.Contain("more:"));
        });
    }

    [Test]
    public async Task Search_WithoutCredentials_SaysHowToGiveThem()
    {
        var result = await RunAsync("--url", _alarm.Address.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Failed));
            Assert.That(result.Error, Does.StartWith("falcon alarm search: the alarm refused: no credentials").And.Contain("--apitoken"));
        });
    }

    [Test]
    public async Task Search_WithABadFilter_ShowsTheAlarmsReason()
    {
        var result = await RunAsync("--url", _alarm.Address.ToString(), "--token", AlarmSearchInstance.AdminToken, "--status", "BROKEN");

        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Failed));
            Assert.That(result.Error.Trim(), Is.EqualTo("falcon alarm search: status must be PROBLEM or OK, got 'BROKEN'"));
        });
    }

    [Test]
    public async Task Search_WhenNothingListens_SaysWhereItLooked()
    {
        var result = await RunAsync("--url", "127.0.0.1:1", "--token", "x");

        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Failed));
            Assert.That(result.Error, Does.StartWith("falcon alarm search: cannot reach the alarm at http://127.0.0.1:1/"));
        });
    }

    internal static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { new Command("alarm") { AlarmSearchCommand.Create() } };
        var code = await root.Parse(["alarm", "search", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
