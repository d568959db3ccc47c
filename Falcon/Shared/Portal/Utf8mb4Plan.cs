namespace Falcon.Shared.Portal;

/// <summary>
/// What <c>falcon db migrate --utf8mb4</c> will change: the tables to convert, the foreign keys on text columns it drops
/// and adds back around them (by database), and the database defaults to switch.
/// </summary>
internal sealed record Utf8mb4Plan(
    IReadOnlyList<TableConversion> Tables,
    IReadOnlyList<DatabaseDefaultConversion> Defaults,
    IReadOnlyList<(string Database, ForeignKeyDefinition Key)> ForeignKeys)
{
    /// <summary>Nothing to do: every table and database is utf8mb4 already.</summary>
    public bool IsEmpty => Tables.Count == 0 && Defaults.Count == 0;
}

/// <summary>
/// One table to convert with <c>ALTER TABLE ... CONVERT TO CHARACTER SET utf8mb4</c>, which rebuilds it.
/// <see cref="ToDynamicRowFormat"/>: the table is COMPACT or REDUNDANT, whose index columns stop at 767 bytes, and an
/// index column needs more in utf8mb4 (a VARCHAR(255) needs 1,020), so the rebuild also makes it DYNAMIC (3,072).
/// <see cref="ToMediumText"/>: VARCHAR columns that become MEDIUMTEXT so the row fits MySQL's 65,535 bytes (Utf8mb4RowSize).
/// <see cref="Problem"/>: why the table cannot be converted as it is (it is then left alone and reported).
/// </summary>
internal sealed record TableConversion(
    string Database,
    string Table,
    string FromCollation,
    string ToCollation,
    bool ToDynamicRowFormat,
    long Rows,
    long Bytes,
    IReadOnlyList<WideColumn> ToMediumText,
    string? Problem);

/// <summary>A database whose default character set (for tables created later) becomes utf8mb4; instant, locks nothing.</summary>
internal sealed record DatabaseDefaultConversion(string Database, string FromCollation, string ToCollation);

/// <summary>How a conversion went: the tables converted and those that failed, each with its reason.</summary>
internal sealed record Utf8mb4Outcome(IReadOnlyList<TableConversion> Converted, IReadOnlyList<(TableConversion Table, string Reason)> Failed);
