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

    /// <summary>The object's JSON, or null when there is none by that name.</summary>
    Task<string?> ReadAsync(MySqlConnection connection, MySqlTransaction transaction, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the object named <paramref name="name"/> equal <paramref name="json"/> (null: delete it). Throws
    /// <see cref="ConfigValidationException"/> when the JSON breaks a rule (the same rules the forms apply).
    /// </summary>
    Task WriteAsync(MySqlConnection connection, MySqlTransaction transaction, string name, string? json, string actor, CancellationToken cancellationToken);
}
