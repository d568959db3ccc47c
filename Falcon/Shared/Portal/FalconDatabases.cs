using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Falcon.Shared.Portal;

/// <summary>One <see cref="MySqlDataSource"/> per open-falcon database, shared by every role in the process.</summary>
internal sealed class FalconDatabases : IAsyncDisposable, IDisposable
{
    public FalconDatabases(IOptions<MySqlOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        Uic = Create(FalconDatabaseKind.Uic, value, loggerFactory);
        Portal = Create(FalconDatabaseKind.Portal, value, loggerFactory);
        Alarms = Create(FalconDatabaseKind.Alarms, value, loggerFactory);
        All = [Uic, Portal, Alarms];
    }

    /// <summary>The <c>uic</c> database (users, teams, sessions).</summary>
    public FalconDatabase Uic { get; }

    /// <summary>The <c>falcon_portal</c> database (hosts, groups, templates, strategies).</summary>
    public FalconDatabase Portal { get; }

    /// <summary>The <c>alarms</c> database (event cases, events, notes).</summary>
    public FalconDatabase Alarms { get; }

    /// <summary>All three, in schema order (uic, falcon_portal, alarms).</summary>
    public IReadOnlyList<FalconDatabase> All { get; }

    /// <summary>The database of the given kind.</summary>
    public FalconDatabase Get(FalconDatabaseKind kind) => kind switch
    {
        FalconDatabaseKind.Uic => Uic,
        FalconDatabaseKind.Portal => Portal,
        FalconDatabaseKind.Alarms => Alarms,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var database in All)
        {
            await database.DataSource.DisposeAsync();
        }
    }

    public void Dispose()
    {
        foreach (var database in All)
        {
            database.DataSource.Dispose();
        }
    }

    private static FalconDatabase Create(FalconDatabaseKind kind, MySqlOptions options, ILoggerFactory loggerFactory)
    {
        var connectionString = options.ConnectionString(kind);
        var dataSource = new MySqlDataSourceBuilder(connectionString)
            .UseName(FalconDatabaseKinds.SchemaName(kind)) // names the pool in MySqlConnector's metrics
            .UseLoggerFactory(loggerFactory)
            .Build();
        return new FalconDatabase(kind, connectionString, dataSource);
    }
}
