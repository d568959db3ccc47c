using MySqlConnector;

namespace Falcon.Shared.Portal;

/// <summary>One configured open-falcon database: its kind, its name on the server and its connection pool.</summary>
internal sealed class FalconDatabase
{
    public FalconDatabase(FalconDatabaseKind kind, string connectionString, MySqlDataSource dataSource)
    {
        Kind = kind;
        ConnectionString = connectionString;
        DataSource = dataSource;
        Name = new MySqlConnectionStringBuilder(connectionString).Database;
        if (!SqlIdentifier.IsValidDatabaseName(Name))
        {
            // MySqlOptions validation says the same at start-up; this guards callers that skip it,
            // because the name ends up quoted inside DDL.
            throw new ArgumentException($"{ConfigKey}: database name '{Name}' must be 1 to 64 letters, digits, '_', '$' or '-'", nameof(connectionString));
        }
    }

    /// <summary>Which of the three databases this is.</summary>
    public FalconDatabaseKind Kind { get; }

    /// <summary>The database name from the connection string (<c>falcon_portal</c> unless configured otherwise).</summary>
    public string Name { get; }

    /// <summary>The configuration key of the connection string, for error messages.</summary>
    public string ConfigKey => FalconDatabaseKinds.ConfigKey(Kind);

    /// <summary>The pooled data source connected to <see cref="Name"/>.</summary>
    public MySqlDataSource DataSource { get; }

    /// <summary>The configured connection string; it may hold a password, so it is never logged.</summary>
    internal string ConnectionString { get; }

    /// <summary>Which tables of this database hold 4-byte characters (utf8mb4), looked up and kept for a while.</summary>
    public FourByteTables FourByteTables { get; } = new();

    /// <summary>Opens a pooled connection to this database.</summary>
    public ValueTask<MySqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        DataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Whether every text column of <paramref name="tables"/> holds 4-byte characters, asked on a connection of its own:
    /// a caller inside a transaction cannot run the lookup on its connection (MySqlConnector refuses a command outside the
    /// connection's open transaction).
    /// </summary>
    public async ValueTask<bool> HoldsFourByteAsync(string[] tables, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await FourByteTables.HoldAsync(connection, tables, cancellationToken);
    }

    public override string ToString() => Name;
}
