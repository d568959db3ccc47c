using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>
/// `alarm.phone` / `alarm.sms`: an HTTP provider described by configuration. The body is a template whose placeholders
/// `{tos}` (recipients joined by commas), `{to}` (the one recipient with perRecipient), `{content}`, `{subject}`, `{id}`,
/// `{priority}` and `{status}` are filled in escaped for the format (form-encoded or JSON string content).
/// </summary>
internal abstract class HttpProviderOptions : IValidatableObject
{
    /// <summary>http | queue.</summary>
    public HttpProviderKind Provider { get; set; } = HttpProviderKind.Http;

    /// <summary>The primary provider's URL; empty leaves the channel unconfigured.</summary>
    public string? Primary { get; set; }

    /// <summary>The backup provider's URL (same body and success rule), tried after the primary fails.</summary>
    public string? Backup { get; set; }

    /// <summary>form | json.</summary>
    public HttpBodyFormat Format { get; set; } = HttpBodyFormat.Form;

    /// <summary>The body template; empty uses open-falcon's `tos={tos}&amp;content={content}` (or its JSON equivalent).</summary>
    public string? Body { get; set; }

    /// <summary>Request headers, e.g. an Authorization header (values are secrets and never logged).</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>One request per recipient (the fork's phone sender) instead of one with every recipient in `{tos}`.</summary>
    public bool PerRecipient { get; set; }

    /// <summary>Dotted path of a JSON field in the answer that says success, e.g. `ret` or `result.code`; empty: any 2xx is success.</summary>
    public string? SuccessField { get; set; }

    /// <summary>The value of <see cref="SuccessField"/> that means success, compared as text (`0`, `true`, `OK`).</summary>
    public string SuccessValue { get; set; } = "0";

    /// <summary>The longest one call may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The configuration key prefix, for messages.</summary>
    protected abstract string Key { get; }

    internal string EffectiveBody => string.IsNullOrEmpty(Body)
        ? Format == HttpBodyFormat.Form ? "tos={tos}&content={content}" : """{"tos":"{tos}","content":"{content}"}"""
        : Body;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Timeout < TimeSpan.FromMilliseconds(100) || Timeout > TimeSpan.FromMinutes(2))
        {
            yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"{Key}.timeout must be between 00:00:00.1 and 00:02:00, got {Timeout:c}"));
        }

        if (Provider == HttpProviderKind.Queue)
        {
            yield break;
        }

        foreach (var problem in ChannelUrls.Check($"{Key}.primary", Primary).Concat(ChannelUrls.Check($"{Key}.backup", Backup)))
        {
            yield return new ValidationResult(problem);
        }

        if (string.IsNullOrWhiteSpace(Primary) && !string.IsNullOrWhiteSpace(Backup))
        {
            yield return new ValidationResult($"{Key}.backup is set but {Key}.primary is not; set the primary provider first");
        }

        if (Format == HttpBodyFormat.Json && !string.IsNullOrEmpty(Body) && !BodyTemplate.IsJsonTemplate(Body))
        {
            yield return new ValidationResult($"{Key}.body is not a JSON template: with placeholders filled it must be valid JSON (put placeholders inside strings, e.g. \"msg\":\"{{content}}\")");
        }

        if (PerRecipient && !EffectiveBody.Contains("{to}", StringComparison.Ordinal))
        {
            yield return new ValidationResult($"{Key}.perRecipient sends one request per recipient, so {Key}.body must use {{to}}");
        }
    }
}
