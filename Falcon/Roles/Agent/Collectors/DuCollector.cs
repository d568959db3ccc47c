namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// du.bs (tag path=DIR): the bytes under each directory hbs asks for, like `du -bs`, or -1 when the directory cannot
/// be read or the walk takes longer than <see cref="CollectorOptions.DuTimeout"/> (open-falcon's 30 s `du` timeout).
/// </summary>
/// <remarks>
/// Sums the apparent sizes of files and symbolic links without following links or crossing into them. Unlike
/// `du -b` it does not add the size of the directories themselves (.NET does not expose it) and counts a file with
/// several hard links under the directory once per link; both differ from du by little on real trees. Unreadable
/// subdirectories are skipped, as du skips them (with a message).
/// </remarks>
internal sealed class DuCollector(BuiltinMetricSet builtins, TimeSpan timeout, TimeProvider timeProvider) : ICollector
{
    private const string Metric = "du.bs";

    public string Name => "du";

    public int DefaultIntervalSeconds => 60;

    public async ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in builtins.Current)
        {
            if (metric.Metric != Metric || BuiltinTags.Find(metric.Tags, "path") is not { } path || !seen.Add(path))
            {
                continue;
            }

            double bytes = await MeasureAsync(path, cancellationToken).ConfigureAwait(false);
            writer.Gauge(Metric, bytes, "path=" + path);
        }
    }

    internal async Task<double> MeasureAsync(string path, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await Task.Run(() => Walk(path, linked.Token), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return -1;
        }
    }

    private static double Walk(string path, CancellationToken cancellationToken)
    {
        // A relative path would depend on the agent's working directory.
        if (!Path.IsPathRooted(path) || !Directory.Exists(path))
        {
            return -1;
        }

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = 0,
            ReturnSpecialDirectories = false,
        };
        var sizes = new System.IO.Enumeration.FileSystemEnumerable<long>(
            path,
            (ref System.IO.Enumeration.FileSystemEntry entry) => entry.IsDirectory ? 0 : entry.Length,
            options)
        {
            // A symbolic link to a directory reports IsDirectory; never walk into it (du -s does not follow links).
            ShouldRecursePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) =>
                (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };

        double total = 0;
        try
        {
            foreach (long size in sizes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                total += size;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }

        return total;
    }
}
