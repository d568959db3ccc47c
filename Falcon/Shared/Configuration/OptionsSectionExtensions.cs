using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Falcon.Shared.Configuration;

/// <summary>Makes an options type visible to `falcon config check`, with secrets masked.</summary>
internal static class OptionsSectionExtensions
{
    private static readonly string[] SecretWords = ["password", "secret", "token", "apikey", "pwd"];

    /// <summary>Registers <typeparamref name="T"/> (already bound with BindConfiguration) for display under <paramref name="section"/>; the first registration of a section wins.</summary>
    /// <remarks>Roles register options through <see cref="FalconOptionsExtensions.AddFalconOptions{TOptions}"/>, which calls this.</remarks>
    public static IServiceCollection AddOptionsSection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(
        this IServiceCollection services, string section, Func<string, T, IEnumerable<KeyValuePair<string, string>>>? describe = null)
        where T : class
    {
        if (!services.Any(d => d.ServiceType == typeof(OptionsSection) && d.ImplementationInstance is OptionsSection s && s.Name == section))
        {
            services.AddSingleton(new OptionsSection(section, sp =>
            {
                var value = sp.GetRequiredService<IOptions<T>>().Value;
                return describe is null ? Describe(section, value) : describe(section, value);
            }));
        }

        return services;
    }

    /// <summary>Flattens the public properties of an options object into `section.key = value` pairs.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Describe<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(
        string section, T value)
    {
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = $"{section}.{char.ToLowerInvariant(property.Name[0])}{property.Name[1..]}";
            yield return new(key, Mask(property.Name, property.GetValue(value)));
        }
    }

    /// <summary>Formats a value for display, hiding passwords, tokens and passwords inside connection strings or URLs.</summary>
    public static string Mask(string name, object? value)
    {
        var text = Format(value);
        if (text.Length == 0)
        {
            return text;
        }

        if (SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            return "****";
        }

        return MaskEmbedded(text);
    }

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IDictionary d => "{" + string.Join(", ", d.Keys.Cast<object>().Select(k => $"{k}: {Format(d[k])}")) + "}",
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    // Connection strings (Password=x;), Redis strings (password=x,) and URLs (user:pass@host) carry secrets inline.
    private static string MaskEmbedded(string text)
    {
        text = System.Text.RegularExpressions.Regex.Replace(
            text, @"(?i)\b(password|pwd)\s*=\s*[^;,]*", "$1=****");
        return System.Text.RegularExpressions.Regex.Replace(text, @"://([^/@:\s]+):[^/@\s]+@", "://$1:****@");
    }
}
