using System.Diagnostics.CodeAnalysis;
using Falcon.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>
/// Shows a channel's options in `falcon config check` with webhook and provider URLs cut to scheme and host and header
/// values hidden: a bot webhook's path or query is its token, which the name-based masking cannot know.
/// </summary>
internal static class ChannelOptionsDisplay
{
    private static readonly string[] UrlKeys = [".primary", ".backup"];

    public static IServiceCollection AddChannelOptionsSection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(
        this IServiceCollection services, string section)
        where T : class
    {
        if (!services.Any(d => d.ServiceType == typeof(OptionsSection) && d.ImplementationInstance is OptionsSection s && s.Name == section))
        {
            services.AddSingleton(new OptionsSection(section, sp => Describe(section, sp.GetRequiredService<IOptions<T>>().Value)));
        }

        return services;
    }

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
