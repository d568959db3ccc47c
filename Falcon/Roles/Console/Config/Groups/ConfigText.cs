namespace Falcon.Roles.Console.Config.Groups;

/// <summary>The rules every name the console stores follows, with messages that name the field.</summary>
internal static class ConfigText
{
    /// <summary>Names of open-falcon's tables are VARCHAR(255).</summary>
    public const int NameMax = 255;

    /// <summary>
    /// Refuses an empty name, one longer than <paramref name="max"/> characters, one with spaces around it (MySQL's
    /// VARCHAR comparison ignores trailing spaces, so "web " would collide with "web") and control characters.
    /// </summary>
    public static string Name(string field, string? value, string what, int max = NameMax)
    {
        if (string.IsNullOrEmpty(value) || value.Trim().Length == 0)
        {
            throw new ConfigValidationException(field, $"{what} must not be empty");
        }

        if (value.Length > max)
        {
            throw new ConfigValidationException(field, $"{what} is {value.Length} characters long; at most {max} fit");
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            throw new ConfigValidationException(field, $"{what} '{value}' must not begin or end with a space");
        }

        if (value.Any(char.IsControl))
        {
            throw new ConfigValidationException(field, $"{what} must not hold control characters (tabs, line breaks)");
        }

        return value;
    }

    /// <summary>True when <paramref name="value"/> holds a character MySQL's 3-byte utf8 cannot store (an emoji, ...).</summary>
    public static bool HasFourByte(string value) => value.Any(char.IsSurrogate);

    /// <summary>Refuses a 4-byte character for a column that is still 3-byte utf8.</summary>
    public static void FitsColumn(string field, string value, bool fourByteColumn, string what)
    {
        if (!fourByteColumn && HasFourByte(value))
        {
            throw new ConfigValidationException(field,
                $"{what} '{value}' holds a character (such as an emoji) that this database's utf8 tables cannot store; " +
                "leave it out, or convert the tables with `falcon db migrate --utf8mb4`");
        }
    }

    /// <summary>A tag is a service-tree path, e.g. `shop/payments/db`: segments separated by '/', none empty.</summary>
    public static string Tag(string? value)
    {
        var tag = Name("tags", value, "a tag");
        if (tag.Split('/').Any(static s => s.Trim().Length == 0 || s.Trim().Length != s.Length))
        {
            throw new ConfigValidationException("tags", $"the tag '{tag}' is a path such as shop/payments/db: segments separated by '/', none empty, no spaces around them");
        }

        if (tag == "~untagged" || tag.StartsWith("~untagged/", StringComparison.Ordinal))
        {
            throw new ConfigValidationException("tags", "'~untagged' is where the service tree shows groups without a tag; it is not a tag");
        }

        return tag;
    }
}
