namespace Falcon.Tests.Cli;

public sealed class ExampleConfigurationTests
{
    private static readonly string Example = Path.Combine(RepositoryRoot(), "falcon.yaml.example");

    [Test]
    public async Task Example_PassesConfigCheckWithoutWarnings()
    {
        var (code, _, error) = await FalconCliTests.InvokeAsync("config", "check", "--config", Example);

        Assert.That(code, Is.Zero, error);
        Assert.That(error, Is.Empty);
    }

    [Test]
    public async Task Example_DocumentsEveryKeyThatConfigCheckKnows()
    {
        var (_, output, _) = await FalconCliTests.InvokeAsync("config", "check", "--config", Example);
        var example = await File.ReadAllTextAsync(Example);
        var keys = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(" = ")[0].Trim()).ToArray();

        Assert.That(keys, Is.Not.Empty);
        var missing = keys.Where(k => !example.Contains($"{k.Split('.')[^1]}:", StringComparison.Ordinal)).ToArray();
        Assert.That(missing, Is.Empty, "falcon.yaml.example must document every key");
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "falcon.yaml.example")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("falcon.yaml.example not found above the test directory");
    }
}
