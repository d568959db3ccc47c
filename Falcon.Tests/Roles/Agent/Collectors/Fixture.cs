namespace Falcon.Tests.Roles.Agent.Collectors;

/// <summary>Recorded /proc and /sys trees under Fixtures/&lt;kernel&gt;/{proc,sys}, and writable copies of them for delta tests.</summary>
internal sealed class Fixture : IDisposable
{
    private Fixture(string root, bool temporary)
    {
        Root = root;
        _temporary = temporary;
    }

    private readonly bool _temporary;

    public string Root { get; }

    public string Proc => Path.Combine(Root, "proc");

    public string Sys => Path.Combine(Root, "sys");

    public static string PathOf(string kernel) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "Roles", "Agent", "Collectors", "Fixtures", kernel);

    /// <summary>The recorded tree, read-only.</summary>
    public static Fixture Recorded(string kernel) => new(PathOf(kernel), false);

    /// <summary>A temporary copy of the recorded tree (or an empty one) that a test may rewrite between passes.</summary>
    public static Fixture Copy(string? kernel = null)
    {
        string root = Path.Combine(Path.GetTempPath(), "falcon-collectors-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "proc"));
        Directory.CreateDirectory(Path.Combine(root, "sys"));
        if (kernel is not null)
        {
            string source = PathOf(kernel);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(root, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        return new Fixture(root, true);
    }

    /// <summary>Writes a file under the tree, e.g. Write("proc/stat", "...").</summary>
    public void Write(string relativePath, string text)
    {
        Assert.That(_temporary, Is.True, "only copies may be written");
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose()
    {
        if (_temporary)
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
