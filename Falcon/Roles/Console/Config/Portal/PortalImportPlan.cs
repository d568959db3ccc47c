namespace Falcon.Roles.Console.Config.Portal;

/// <summary>One object of the file, checked and ready to write: its kind, name, JSON (without secrets) and where it is in the file.</summary>
internal sealed record PortalImportItem(IConfigKind Kind, string Name, string Json, string? PasswordHash, string Place);

/// <summary>What the import did (or, in a dry run, would do) to one object.</summary>
internal enum PortalChange
{
    Unchanged,
    Created,
    Updated,
    Deleted,
}

/// <summary>The outcome of an import, per kind: how many objects were created, updated, deleted and left as they were.</summary>
internal sealed class PortalImportResult
{
    private readonly Dictionary<string, int[]> _counts = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>Whether anything in falcon_portal changed (hbs and judges must be told).</summary>
    public bool PortalChanged { get; set; }

    public int Total(PortalChange change) => _counts.Values.Sum(c => c[(int)change]);

    public void Count(string kind, PortalChange change)
    {
        if (!_counts.TryGetValue(kind, out var counts))
        {
            counts = new int[4];
            _counts[kind] = counts;
            _order.Add(kind);
        }

        counts[(int)change]++;
    }

    /// <summary>`templates: 1 created, 2 updated, 0 deleted, 5 unchanged`, one line per kind met.</summary>
    public IEnumerable<string> Lines() =>
        _order.Select(kind =>
        {
            var c = _counts[kind];
            return $"{ConfigKinds.SectionOf(kind)}: {c[(int)PortalChange.Created]} created, {c[(int)PortalChange.Updated]} updated, {c[(int)PortalChange.Deleted]} deleted, {c[(int)PortalChange.Unchanged]} unchanged";
        });
}

/// <summary>How to import: <see cref="Replace"/> deletes what the file's lists lack; <see cref="DryRun"/> rolls everything back.</summary>
internal sealed record PortalImportOptions(bool Replace, bool DryRun, string Actor);
