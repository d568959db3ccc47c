namespace Falcon.Roles.Console.Auth;

/// <summary>The LDAP server could not be asked (unreachable, timed out, spoke something else, or refused the console's own bind).</summary>
internal sealed class LdapException(string message, Exception? inner = null) : Exception(message, inner);
