using System.CommandLine;
using Falcon.Cli;
using Falcon.Cli.Silence;

namespace Falcon.Tests.Cli.Silence;

/// <summary>What `falcon silence` refuses before calling anything, and the help a person reads.</summary>
public sealed class SilenceCommandTests
{
    // Nothing listens here: a command that got as far as calling the alarm would fail with "cannot reach".
    private const string Nowhere = "http://127.0.0.1:1";

    [TestCase("0", "--for: '0' has a number without a unit")]
    [TestCase("0s", "--for: duration '0s' must be more than zero")]
    [TestCase("5x", "--for: '5x' has the unknown unit 'x'")]
    [TestCase("", "--for: duration is empty")]
    public async Task Add_OfABadDuration_IsAUsageError_BeforeAnyCall(string duration, string message)
    {
        var (code, _, error) = await RunAsync("silence", "add", "--user", "alice", "--endpoint", "host-a", "--counter", "cpu.idle", "--for", duration, "--url", Nowhere);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.EqualTo(ExitCodes.Ok));
            Assert.That(error, Does.Contain(message));
            Assert.That(error, Does.Not.Contain("cannot reach"));
        });
    }

    [TestCase("--user")]
    [TestCase("--endpoint")]
    [TestCase("--counter")]
    public async Task Add_WithAnEmptyRequiredOption_IsAUsageError(string option)
    {
        var args = new List<string> { "silence", "add", "--user", "alice", "--endpoint", "host-a", "--counter", "cpu.idle", "--url", Nowhere };
        args[args.IndexOf(option) + 1] = " ";

        var (code, _, error) = await RunAsync([.. args]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.EqualTo(ExitCodes.Ok));
            Assert.That(error, Does.Contain($"{option} must not be empty"));
        });
    }

    [Test]
    public async Task Add_WithoutTheCounter_SaysItIsRequired()
    {
        var (code, _, error) = await RunAsync("silence", "add", "--user", "alice", "--endpoint", "host-a", "--url", Nowhere);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.EqualTo(ExitCodes.Ok));
            Assert.That(error, Does.Contain("--counter"));
        });
    }

    [TestCase("abc")]
    [TestCase("0123456789abcdeg")]
    public async Task Remove_OfAMalformedId_IsAUsageError(string id)
    {
        var (code, _, error) = await RunAsync("silence", "remove", id, "--url", Nowhere);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.EqualTo(ExitCodes.Ok));
            Assert.That(error, Does.Contain($"'{id}' is not a silence id"));
        });
    }

    [Test]
    public async Task List_WithNoAlarmThere_FailsWithOneLineSayingWhatToCheck()
    {
        var (code, _, error) = await RunAsync("silence", "list", "--url", Nowhere, "--timeout", "2");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Failed));
            Assert.That(error, Does.StartWith("falcon silence list: cannot reach the alarm at http://127.0.0.1:1/").And.Contain("--url"));
        });
    }

    [Test]
    public async Task Add_WithABrokenListenAddressInTheConfiguration_NamesTheKey()
    {
        var (code, _, error) = await RunAsync("silence", "list", "--set", "alarm.httpListen=nonsense");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Failed));
            Assert.That(error, Does.Contain("alarm.httpListen 'nonsense'"));
        });
    }

    [Test]
    public async Task Help_ExplainsTheSubcommandsAndOptions()
    {
        var (_, top, _) = await RunAsync("silence", "--help");
        var (_, add, _) = await RunAsync("silence", "add", "--help");

        Assert.Multiple(() =>
        {
            Assert.That(top, Does.Contain("add").And.Contain("list").And.Contain("remove").And.Contain("Other recipients still get them"));
            Assert.That(add, Does.Contain("--user").And.Contain("--endpoint").And.Contain("--counter").And.Contain("--for").And.Contain("--comment"));
            Assert.That(add, Does.Contain("--url").And.Contain("alarm.httpListen").And.Contain("--token"));
            Assert.That(add, Does.Contain("30m, 1h, 2h30m, 1d or 1w"));
        });
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { SilenceCommand.Create() };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
