using System.CommandLine;
using Falcon.Cli;
using Falcon.Cli.Upgrade;

namespace Falcon.Tests.Cli.Upgrade;

/// <summary>What `falcon upgrade push` refuses before it talks to hbs.</summary>
public sealed class UpgradeCommandTests
{
    [Test]
    public async Task Push_WithoutAnyChecksum_LooksOnTheDownloadServer_AndSaysWhenItCannot()
    {
        var (code, _, error) = await RunAsync("upgrade", "push", "--version", "7.1.0", "--url", "http://127.0.0.1:1/falcon", "--hbs", "127.0.0.1:1");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Failed));
            Assert.That(error, Does.StartWith("falcon upgrade push: "));
        });
    }

    [Test]
    public async Task Push_WithAnMd5ThatDoesNotMatchTheFile_IsRefused()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "new agent");
            var (code, _, error) = await RunAsync("upgrade", "push", "--version", "7.1.0", "--url", "http://dl/falcon", "--file", file, "--md5", new string('0', 32), "--hbs", "127.0.0.1:1");

            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(ExitCodes.Usage));
                Assert.That(error, Does.Contain("--md5 00000000000000000000000000000000 does not match --file"));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Push_WithBothCanaryForms_IsRefused()
    {
        var (code, _, error) = await RunAsync("upgrade", "push", "--version", "7.1.0", "--url", "http://dl/falcon", "--md5", new string('a', 32), "--canary", "a,b", "--canary-percent", "5", "--hbs", "127.0.0.1:1");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(error, Does.Contain("--canary and --canary-percent exclude each other"));
        });
    }

    [Test]
    public async Task Status_WhenHbsIsUnreachable_FailsWithAnActionableMessage()
    {
        var (code, _, error) = await RunAsync("upgrade", "status", "--hbs", "127.0.0.1:1", "--timeout", "2");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Failed));
            Assert.That(error, Does.StartWith("falcon upgrade status: cannot reach hbs at http://127.0.0.1:1/"));
        });
    }

    [Test]
    public async Task Help_ListsTheSubcommands()
    {
        var (code, output, _) = await RunAsync("upgrade", "--help");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Ok));
            Assert.That(output, Does.Contain("push").And.Contain("status").And.Contain("cancel").And.Contain("resume"));
        });
    }

    internal static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { UpgradeCommand.Create() };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
