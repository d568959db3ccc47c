using MySqlConnector;

namespace Falcon.Roles.Console.Config;

/// <summary>
/// One kind of configuration object (a host group, a template with its strategies and action, a team, ...) as a
/// whole, named by people's names. Saving, auditing, the history page's "restore this version" and
/// `falcon portal import` all go through the same two calls: <see cref="ReadAsync"/> gives the object's JSON (the
/// audit row's value), <see cref="WriteAsync"/> makes the database hold exactly that JSON (null deletes the object).
/// </summary>
internal interface IConfigKind
{
    /// <summary>The audit `kind` (group, template, expression, aggregate, host, user, team).</summary>
    string Kind { get; }

    /// <summary>Which database holds it (its audit rows go there too).</summary>
    Falcon.Shared.Portal.FalconDatabaseKind Database { get; }

    /// <summary>Every object's name, in name order (export, and the history page's filter).</summary>
    Task<IReadOnlyList<string>> NamesAsync(MySqlConnection connection, MySqlTransaction? transaction, CancellationToken cancellationToken);

    /// <summary>
    /// The object's JSON, or null when there is none by that name. Deterministic and free of database ids (properties
    /// in a fixed order, lists sorted), so reading after writing the same JSON gives the same text: the audit compares
    /// texts, and export → import → export must round-trip exactly. Never holds password hashes.
    /// </summary>
    Task<string?> ReadAsync(MySqlConnection connection, MySqlTransaction transaction, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the object named <paramref name="name"/> equal <paramref name="json"/> (null: delete it). Throws
    /// <see cref="ConfigValidationException"/> when the JSON breaks a rule (the same rules the forms apply).
    /// </summary>
    Task WriteAsync(MySqlConnection connection, MySqlTransaction transaction, string name, string? json, string actor, CancellationToken cancellationToken);
}
