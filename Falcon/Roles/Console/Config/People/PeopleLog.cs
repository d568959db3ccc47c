using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Console.Config.People;

/// <summary>Log messages of the console's people, LDAP and action audit (event ids 8600-8649 of the console's range).</summary>
internal static partial class PeopleLog
{
    [LoggerMessage(8600, LogLevel.Error, "console: the audit row of {Kind} {Action} {Object} by {Actor} was not written: {Error}")]
    public static partial void AuditFailed(ILogger logger, string kind, string action, string @object, string actor, string error);

    [LoggerMessage(8601, LogLevel.Warning, "console: the LDAP directory {Url} could not be used (no answer, or its TLS certificate was refused): {Error}")]
    public static partial void LdapUnavailable(ILogger logger, string url, string error);
}
