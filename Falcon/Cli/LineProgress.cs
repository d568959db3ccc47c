namespace Falcon.Cli;

/// <summary>Reports progress lines synchronously and in order (Progress&lt;T&gt; posts to the thread pool and may reorder).</summary>
internal sealed class LineProgress(TextWriter writer) : IProgress<string>
{
    public void Report(string value) => writer.WriteLine(value);
}
