using System.ComponentModel.DataAnnotations;
using MySqlConnector;

namespace Falcon.Shared.Portal;

/// <summary>The <c>mysql</c> section: one MySqlConnector connection string per open-falcon database.</summary>
internal sealed class MySqlOptions : IValidatableObject
{
    public const string SectionName = "mysql";

    // Shared by the defaults: a short connect timeout so a missing server fails start-up quickly,
    // and zero dates read as DateTime.MinValue because old MySQL 5.x open-falcon databases hold them.
    private const string DefaultSettings =
        "Server=127.0.0.1;Port=3306;User ID=root;Connection Timeout=5;Default Command Timeout=30;Convert Zero DateTime=true";

    /// <summary>Connection string of the <c>falcon_portal</c> database (hosts, groups, templates, strategies).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "mysql.portal: a connection string is required")]
    public string Portal { get; set; } = DefaultSettings + ";Database=falcon_portal";

    /// <summary>Connection string of the <c>uic</c> database (users, teams, sessions).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "mysql.uic: a connection string is required")]
    public string Uic { get; set; } = DefaultSettings + ";Database=uic";

    /// <summary>Connection string of the <c>alarms</c> database (event cases, events, notes).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "mysql.alarms: a connection string is required")]
    public string Alarms { get; set; } = DefaultSettings + ";Database=alarms";

    /// <summary>The connection string configured for <paramref name="kind"/>.</summary>
    public string ConnectionString(FalconDatabaseKind kind) => kind switch
    {
        FalconDatabaseKind.Uic => Uic,
        FalconDatabaseKind.Portal => Portal,
        FalconDatabaseKind.Alarms => Alarms,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var kind in FalconDatabaseKinds.All)
        {
            var value = ConnectionString(kind);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue; // [Required] reports it.
            }

            var key = FalconDatabaseKinds.ConfigKey(kind);
            var error = Check(value);
            if (error is not null)
            {
                yield return new ValidationResult($"{key}: {error}", [PropertyName(kind)]);
            }
        }
    }

    private static string? Check(string connectionString)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            // The message names the bad option, never the password.
            return $"not a valid MySQL connection string ({ex.Message})";
        }

        if (string.IsNullOrWhiteSpace(builder.Server))
        {
            return "connection string has no Server";
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            return "connection string has no Database";
        }

        return SqlIdentifier.IsValidDatabaseName(builder.Database)
            ? null
            : $"database name '{builder.Database}' must be 1 to 64 letters, digits, '_', '$' or '-'";
    }

    private static string PropertyName(FalconDatabaseKind kind) => kind switch
    {
        FalconDatabaseKind.Uic => nameof(Uic),
        FalconDatabaseKind.Portal => nameof(Portal),
        _ => nameof(Alarms),
    };
}
