namespace Falcon.Roles.Agent.Collectors;

/// <summary>
/// proc.num: how many processes match each strategy hbs sent, tagged with the strategy's tag string as it came.
/// </summary>
/// <remarks>
/// As open-falcon: `name=X` matches the Name line of /proc/PID/status exactly, `cmdline=Y` is a substring of the
/// command line with its NUL separators read as spaces, and a process must match every condition given. Tags with
/// neither condition are skipped (open-falcon would count every process). /proc is walked once per pass for all
/// strategies; processes that exit while being read are skipped.
/// </remarks>
internal sealed class ProcNumCollector(string procRoot, BuiltinMetricSet builtins) : ICollector
{
    private const string Metric = "proc.num";

    private readonly ProcFileReader _status = new(2048);
    private readonly ProcFileReader _cmdline = new(1024);
    private readonly List<(string Tags, string? Name, string? Cmdline, int Count)> _queries = [];

    public string Name => "proc";

    public int DefaultIntervalSeconds => 60;

    public ValueTask CollectAsync(IMetricWriter writer, CancellationToken cancellationToken)
    {
        _queries.Clear();
        bool needCmdline = false;
        foreach (var metric in builtins.Current)
        {
            if (metric.Metric != Metric)
            {
                continue;
            }

            string? name = BuiltinTags.Find(metric.Tags, "name");
            string? cmdline = BuiltinTags.Find(metric.Tags, "cmdline");
            if (name is null && cmdline is null)
            {
                continue;
            }

            needCmdline |= cmdline is not null;
            _queries.Add((metric.Tags, name, cmdline, 0));
        }

        if (_queries.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            foreach (var directory in Directory.EnumerateDirectories(procRoot))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var pid = Path.GetFileName(directory.AsSpan());
                if (!pid.IsEmpty && ProcParse.TryULong(pid, out _))
                {
                    Count(directory, needCmdline);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc at all: report nothing rather than zero processes.
            return ValueTask.CompletedTask;
        }

        foreach (var query in _queries)
        {
            writer.Gauge(Metric, query.Count, query.Tags);
        }

        return ValueTask.CompletedTask;
    }

    private void Count(string directory, bool needCmdline)
    {
        if (!_status.TryRead(Path.Join(directory, "status")) || !TryReadName(_status.Text, out var name))
        {
            return;
        }

        ReadOnlySpan<char> cmdline = default;
        bool haveCmdline = false;
        if (needCmdline && _cmdline.TryRead(Path.Join(directory, "cmdline")))
        {
            var text = _cmdline.WritableText;
            text.Replace('\0', ' ');
            cmdline = text.TrimEnd(' ');
            haveCmdline = true;
        }

        for (int i = 0; i < _queries.Count; i++)
        {
            var query = _queries[i];
            if ((query.Name is null || name.SequenceEqual(query.Name))
                && (query.Cmdline is null || (haveCmdline && cmdline.Contains(query.Cmdline, StringComparison.Ordinal))))
            {
                query.Count++;
                _queries[i] = query;
            }
        }
    }

    /// <summary>The value of the "Name:" line of /proc/PID/status (the first line on every kernel, but found by key).</summary>
    internal static bool TryReadName(ReadOnlySpan<char> status, out ReadOnlySpan<char> name)
    {
        foreach (var line in status.EnumerateLines())
        {
            if (line.StartsWith("Name:", StringComparison.Ordinal))
            {
                // The name may contain spaces; only the tab after the colon separates.
                name = line[5..].Trim('\t');
                return true;
            }
        }

        name = default;
        return false;
    }
}
