using System.Diagnostics.CodeAnalysis;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>
/// How `falcon config check` shows a channel's options: webhook and provider URLs cut to scheme and host, header
/// values hidden: a bot webhook's path or query is its token, which the name-based masking cannot know.
/// </summary>
internal static class ChannelOptionsDisplay
{
    private static readonly string[] UrlKeys = [".primary", ".backup"];

    public static IEnumerable<KeyValuePair<string, string>> Describe<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string section, T value) =>
        OptionsSectionExtensions.Describe(section, value).Select(pair => new KeyValuePair<string, string>(pair.Key, Mask(pair.Key, pair.Value)));

    private static string Mask(string key, string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        if (key.EndsWith(".headers", StringComparison.Ordinal))
        {
            return value == "{}" ? value : "{****}";
        }

        if (UrlKeys.Any(k => key.EndsWith(k, StringComparison.Ordinal)))
        {
            return Uri.TryCreate(value, UriKind.Absolute, out var uri) ? $"{ChannelUrls.Redact(uri)}/****" : "****";
        }

        return value;
    }
}
