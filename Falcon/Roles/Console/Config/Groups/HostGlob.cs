using System.Text;
using System.Text.RegularExpressions;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>
/// A hostname pattern: `*` any run of characters, `?` one character, everything else itself, ignoring case as
/// MySQL's utf8_unicode_ci comparison of hostnames does.
/// </summary>
internal static class HostGlob
{
    /// <summary>More matches than this is almost surely a mistake (`*`); the person narrows the pattern.</summary>
    public const int MaxMatches = 5000;

    public static string Validate(string pattern) =>
        ConfigText.Name("pattern", pattern, "the pattern");

    /// <summary>The pattern as a LIKE operand (escape character '\').</summary>
    public static string ToLike(string pattern)
    {
        var like = new StringBuilder(pattern.Length + 4);
        foreach (var c in pattern)
        {
            like.Append(c switch
            {
                '*' => "%",
                '?' => "_",
                '%' or '_' or '\\' => "\\" + c,
                _ => c.ToString(),
            });
        }

        return like.ToString();
    }

    /// <summary><paramref name="text"/> as a LIKE operand matching itself only.</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public static Regex ToRegex(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
}
