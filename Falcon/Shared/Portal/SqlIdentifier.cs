namespace Falcon.Shared.Portal;

/// <summary>Checks and quotes MySQL identifiers that come from configuration or migration scripts.</summary>
internal static class SqlIdentifier
{
    /// <summary>Whether <paramref name="name"/> is a database name Falcon accepts: 1–64 of <c>[A-Za-z0-9_$-]</c>.</summary>
    public static bool IsValidDatabaseName(string? name) =>
        // Narrower than MySQL allows, so a name can never need more than backtick quoting.
        !string.IsNullOrEmpty(name)
        && name.Length <= 64
        && name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '-');

    /// <summary>Quotes <paramref name="name"/> with backticks, doubling any backtick inside.</summary>
    public static string Quote(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <summary>Removes the backtick quoting from an identifier written in a script, if it has any.</summary>
    public static string Unquote(string identifier) =>
        identifier.Length >= 2 && identifier[0] == '`' && identifier[^1] == '`'
            ? identifier[1..^1].Replace("``", "`", StringComparison.Ordinal)
            : identifier;
}
