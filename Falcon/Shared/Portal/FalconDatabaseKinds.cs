namespace Falcon.Shared.Portal;

/// <summary>Names that belong to each <see cref="FalconDatabaseKind"/>.</summary>
internal static class FalconDatabaseKinds
{
    /// <summary>Every kind, in schema order.</summary>
    public static IReadOnlyList<FalconDatabaseKind> All { get; } =
        [FalconDatabaseKind.Uic, FalconDatabaseKind.Portal, FalconDatabaseKind.Alarms];

    /// <summary>The configuration key, as error messages name it (<c>mysql.portal</c>).</summary>
    public static string ConfigKey(FalconDatabaseKind kind) => kind switch
    {
        FalconDatabaseKind.Uic => "mysql.uic",
        FalconDatabaseKind.Portal => "mysql.portal",
        FalconDatabaseKind.Alarms => "mysql.alarms",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// open-falcon's name for the database: the default database name, the middle part of a
    /// migration file name (<c>002_falcon_portal.sql</c>) and, in braces, the placeholder a script
    /// uses to refer to the configured database (<c>{uic}.`user`</c>).
    /// </summary>
    public static string SchemaName(FalconDatabaseKind kind) => kind switch
    {
        FalconDatabaseKind.Uic => "uic",
        FalconDatabaseKind.Portal => "falcon_portal",
        FalconDatabaseKind.Alarms => "alarms",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
