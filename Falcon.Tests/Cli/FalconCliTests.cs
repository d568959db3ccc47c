using Falcon.Cli;
using Falcon.Hosting;

namespace Falcon.Tests.Cli;

public sealed class FalconCliTests
{
    [Test]
    public async Task Run_WithAnUnknownRole_Exits2AndListsTheValidRoles()
    {
        var (code, _, error) = await InvokeAsync("run", "--role", "nonsense");

        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("unknown role 'nonsense'").And.Contain("valid roles"));
    }

    [Test]
    public async Task Version_PrintsTheStampedVersionOnOneLine()
    {
        var (code, output, _) = await InvokeAsync("version");

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Match(@"^\d+\.\d+\.\d+\r?\n$"));
        Assert.That(output.Trim(), Is.EqualTo(FalconVersion.Current));
    }

    [Test]
    public async Task ConfigCheck_WithABadValue_Exits1WithOneLineNamingTheKey()
    {
        var path = await WriteConfigAsync("host:\n  shutdownTimeout: 99:00:00\n");

        var (code, _, error) = await InvokeAsync("config", "check", "--config", path);

        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith("config: host.shutdownTimeout"));
    }

    [Test]
    public async Task ConfigCheck_WithAValidFile_PrintsEffectiveValuesAndExits0()
    {
        var path = await WriteConfigAsync("host:\n  instance: edge-1\n");

        var (code, output, error) = await InvokeAsync("config", "check", "--config", path, "--set", "host.shutdownTimeout=00:00:05");

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("host.instance = edge-1").And.Contain("host.shutdownTimeout = 00:00:05"));
    }

    [Test]
    public async Task ConfigCheck_WarnsAboutAMisspeltKey()
    {
        var path = await WriteConfigAsync("host:\n  instanse: edge-1\n");

        var (code, _, error) = await InvokeAsync("config", "check", "--config", path);

        Assert.That(code, Is.Zero);
        Assert.That(error, Does.Contain("unknown key 'host.instanse'"));
    }

    [Test]
    public async Task ConfigCheck_WithAMissingExplicitFile_Fails()
    {
        var (code, _, error) = await InvokeAsync("config", "check", "--config", "/nonexistent/falcon.yaml");

        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error, Does.Contain("/nonexistent/falcon.yaml").And.Contain("not found"));
    }

    [Test]
    public async Task ConfigCheck_WithBrokenYaml_NamesTheFile()
    {
        var path = await WriteConfigAsync("host:\n  instance: [unclosed\n");

        var (code, _, error) = await InvokeAsync("config", "check", "--config", path);

        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error, Does.Contain("is not valid YAML"));
    }

    [Test]
    public async Task EnvironmentVariable_OverridesTheFile_AndSetOverridesBoth()
    {
        var path = await WriteConfigAsync("host:\n  instance: from-file\n  shutdownTimeout: 00:00:07\n");
        Environment.SetEnvironmentVariable("FALCON_HOST__INSTANCE", "from-env");
        Environment.SetEnvironmentVariable("FALCON_HOST__SHUTDOWNTIMEOUT", "00:00:08");
        try
        {
            var (_, output, _) = await InvokeAsync("config", "check", "--config", path, "--set", "host.shutdownTimeout=00:00:09");

            Assert.That(output, Does.Contain("host.instance = from-env").And.Contain("host.shutdownTimeout = 00:00:09"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FALCON_HOST__INSTANCE", null);
            Environment.SetEnvironmentVariable("FALCON_HOST__SHUTDOWNTIMEOUT", null);
        }
    }

    [TestCase("run")]
    [TestCase("config", "check")]
    [TestCase("version")]
    public async Task EveryCommand_HasHelp(params string[] command)
    {
        var (code, output, _) = await InvokeAsync([.. command, "--help"]);

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("Usage:").And.Contain("Description:"));
    }

    internal static async Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await FalconCli.InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<string> WriteConfigAsync(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"falcon-cli-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, yaml);
        return path;
    }
}
