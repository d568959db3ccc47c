using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Falcon.Shared.Configuration;

/// <summary>
/// The one way an options type is registered: bound to its configuration section, validated at start-up, and shown by
/// `falcon config check` under the section's dotted name (alarm:mail is shown as alarm.mail).
/// </summary>
/// <remarks>
/// The caller passes the bind step, always <c>static (o, section) =&gt; o.BindConfiguration(section)</c>: the
/// configuration binding source generator writes trim-safe binding code only where the options type is known at the
/// call site, and inside this generic helper it is not (it would fall back to the reflection binder, which a NativeAOT
/// binary cannot use).
/// </remarks>
internal static class FalconOptionsExtensions
{
    /// <summary>Binds, validates with <typeparamref name="TValidator"/> (a source-generated [OptionsValidator]) and shows <typeparamref name="TOptions"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="sectionPath">The configuration path: `hbs:upgrade`.</param>
    /// <param name="bind">The bind step at a call site that names the type: <c>static (o, section) =&gt; o.BindConfiguration(section)</c>.</param>
    /// <param name="describe">How `falcon config check` shows the values, when the common masking is not enough.</param>
    /// <returns>The options builder, for a PostConfigure or a second validator.</returns>
    public static OptionsBuilder<TOptions> AddFalconOptions<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(
        this IServiceCollection services,
        string sectionPath,
        Func<OptionsBuilder<TOptions>, string, OptionsBuilder<TOptions>> bind,
        Func<string, TOptions, IEnumerable<KeyValuePair<string, string>>>? describe = null)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        var builder = services.AddFalconOptions(sectionPath, bind, describe);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return builder;
    }

    /// <summary>Binds and shows <typeparamref name="TOptions"/>, for options whose every value is valid (no validator).</summary>
    /// <param name="services">The services.</param>
    /// <param name="sectionPath">The configuration path: `alarm:queues`.</param>
    /// <param name="bind">The bind step at a call site that names the type: <c>static (o, section) =&gt; o.BindConfiguration(section)</c>.</param>
    /// <param name="describe">How `falcon config check` shows the values, when the common masking is not enough.</param>
    /// <returns>The options builder, for a PostConfigure or a validator.</returns>
    public static OptionsBuilder<TOptions> AddFalconOptions<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IServiceCollection services,
        string sectionPath,
        Func<OptionsBuilder<TOptions>, string, OptionsBuilder<TOptions>> bind,
        Func<string, TOptions, IEnumerable<KeyValuePair<string, string>>>? describe = null)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(sectionPath);
        ArgumentNullException.ThrowIfNull(bind);
        var builder = bind(services.AddOptionsWithValidateOnStart<TOptions>(), sectionPath);
        services.AddOptionsSection(sectionPath.Replace(':', '.'), describe);
        return builder;
    }
}
