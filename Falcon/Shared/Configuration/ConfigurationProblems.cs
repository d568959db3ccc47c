using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Falcon.Shared.Configuration;

/// <summary>Turns the exceptions that options binding and validation throw into one line per problem.</summary>
internal static partial class ConfigurationProblems
{
    public static bool TryExtract(Exception exception, [NotNullWhen(true)] out IReadOnlyList<string>? problems)
    {
        var lines = new List<string>();
        Collect(exception, lines);
        problems = lines.Count > 0 ? lines.Distinct().ToArray() : null;
        return problems is not null;
    }

    private static void Collect(Exception exception, List<string> lines)
    {
        switch (exception)
        {
            case ConfigurationException c:
                lines.AddRange(c.Problems);
                break;
            case OptionsValidationException v:
                lines.AddRange(v.Failures.Select(f => "config: " + Clean(f)));
                break;
            case InvalidOperationException i when BinderMessage().Match(i.Message) is { Success: true } m:
                lines.Add($"config: {KeyOf(m.Groups["key"].Value)}: cannot use '{m.Groups["value"].Value}', expected {TypeOf(m.Groups["type"].Value)}");
                break;
            case AggregateException a:
                foreach (var inner in a.InnerExceptions)
                {
                    Collect(inner, lines);
                }

                break;
            default:
                if (exception.InnerException is { } innerException)
                {
                    Collect(innerException, lines);
                }

                break;
        }
    }

    // The binder says: Failed to convert configuration value 'abc' at 'host:ShutdownTimeout' to type 'System.TimeSpan'.
    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'")]
    private static partial Regex BinderMessage();

    private static string KeyOf(string path) =>
        string.Join('.', path.Split(':').Select(p => p.Length > 0 ? char.ToLowerInvariant(p[0]) + p[1..] : p));

    private static string TypeOf(string type) => type switch
    {
        "System.TimeSpan" => "a duration like 00:00:30",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" => "a number",
        "System.Boolean" => "true or false",
        _ => type,
    };

    // The source-generated validator prefixes messages with the member name; ours already name the full key.
    private static string Clean(string failure)
    {
        var marker = failure.IndexOf(": ", StringComparison.Ordinal);
        return marker > 0 && failure.AsSpan(marker + 2).Contains('.') ? failure[(marker + 2)..] : failure;
    }
}
