namespace Falcon.Shared.Portal;

/// <summary>A schema operation failed; the message starts with the database name.</summary>
internal sealed class SchemaMigrationException : Exception
{
    public SchemaMigrationException(string database, string message, Exception? innerException)
        : base($"{database}: {message}", innerException)
    {
        Database = database;
    }

    /// <summary>The database the operation was working on.</summary>
    public string Database { get; }
}
