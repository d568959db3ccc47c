using System.Globalization;
using System.Reflection;

namespace Falcon.Shared.Portal;

/// <summary>
/// The schema scripts embedded from <c>Shared/Portal/Schema/*.sql</c>. A script is named
/// <c>NNN_&lt;database&gt;[_&lt;what&gt;].sql</c> (<c>004_alarms_silence_log.sql</c>), where the
/// database is <c>uic</c>, <c>falcon_portal</c> or <c>alarms</c>; numbers are unique across all
/// databases and scripts run in number order within their database. A script, once released, is never
/// edited: a change is a new script. Every statement must be safe to run twice (CREATE TABLE IF NOT
/// EXISTS, ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS), because DDL is not transactional and
/// a script interrupted half-way runs again from the top.
/// </summary>
internal sealed class MigrationCatalog
{
    private const string ResourcePrefix = "Falcon.Portal.Schema.";

    public MigrationCatalog(IEnumerable<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        All = [.. migrations.OrderBy(static m => m.Number)];
        var duplicate = All.GroupBy(static m => m.Number).FirstOrDefault(static g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"schema scripts {string.Join(" and ", duplicate.Select(static m => m.Id))} share the number {duplicate.Key}");
        }
    }

    /// <summary>Every migration, in number order.</summary>
    public IReadOnlyList<Migration> All { get; }

    /// <summary>The migrations of one database, in number order.</summary>
    public IEnumerable<Migration> For(FalconDatabaseKind database) => All.Where(m => m.Database == database);

    /// <summary>Loads the scripts embedded in Falcon's assembly.</summary>
    public static MigrationCatalog LoadEmbedded()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            migrations.Add(Parse(resource[ResourcePrefix.Length..], Read(assembly, resource)));
        }

        if (migrations.Count == 0)
        {
            throw new InvalidOperationException("no schema scripts are embedded in this build (Falcon.Portal.Schema.*.sql)");
        }

        return new MigrationCatalog(migrations);
    }

    /// <summary>Parses a script named <c>NNN_&lt;database&gt;[_&lt;what&gt;].sql</c>.</summary>
    public static Migration Parse(string fileName, string script)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var id = fileName.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) ? fileName[..^4] : fileName;
        var underscore = id.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(id.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new FormatException($"schema script {fileName}: the name must start with a number and '_' (001_uic.sql)");
        }

        var rest = id[(underscore + 1)..];
        FalconDatabaseKind? database = null;
        foreach (var kind in FalconDatabaseKinds.All)
        {
            var name = FalconDatabaseKinds.SchemaName(kind);
            if (rest == name || rest.StartsWith(name + "_", StringComparison.Ordinal))
            {
                database = kind;
            }
        }

        if (database is null)
        {
            throw new FormatException($"schema script {fileName}: after the number the name must say uic, falcon_portal or alarms");
        }

        IReadOnlyList<string> statements;
        try
        {
            statements = SqlScript.Split(script);
            foreach (var statement in statements)
            {
                IdempotentDdl.EnsureSupported(statement);
            }
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException)
        {
            throw new FormatException($"schema script {fileName}: {ex.Message}", ex);
        }

        return new Migration(id, number, database.Value, statements);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
