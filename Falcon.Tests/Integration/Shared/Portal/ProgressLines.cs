namespace Falcon.Tests.Integration.Shared.Portal;

/// <summary>Collects progress lines in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class ProgressLines : IProgress<string>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Report(string value)
    {
        lock (_lines)
        {
            _lines.Add(value);
        }
    }
}
