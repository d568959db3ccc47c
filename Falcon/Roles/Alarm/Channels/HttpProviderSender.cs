using System.Text;
using System.Text.Json;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>Phone or SMS through an HTTP provider described by <see cref="HttpProviderOptions"/>.</summary>
internal sealed class HttpProviderSender(ChannelKind channel, HttpClient client, HttpProviderOptions options) : IChannelSender
{
    public ChannelKind Channel => channel;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Primary);

    public bool HasBackup => !string.IsNullOrWhiteSpace(options.Backup);

    public bool PerRecipient => options.PerRecipient;

    public async Task<SendOutcome> SendAsync(AlarmMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        var url = target == ChannelTarget.Backup && HasBackup ? options.Backup : options.Primary;
        if (string.IsNullOrWhiteSpace(url))
        {
            return SendOutcome.Failed($"{channel.ToString().ToLowerInvariant()} provider is not configured");
        }

        var recipient = options.PerRecipient && message.Recipients.Count == 1 ? message.Recipients[0] : null;
        var body = BodyTemplate.Fill(options.EffectiveBody, options.Format, message, recipient);
        var content = new StringContent(body, Encoding.UTF8, options.Format == HttpBodyFormat.Form ? "application/x-www-form-urlencoded" : "application/json");
        string? failure = null;
        var answer = await ChannelHttp.PostAsync(client, new Uri(url), content, options.Headers, options.Timeout, f => failure = f, cancellationToken);
        if (answer is not { } a)
        {
            return SendOutcome.Failed(failure ?? "no answer");
        }

        var code = (int)a.Status;
        if (code is < 200 or > 299)
        {
            return SendOutcome.Failed($"HTTP {code}{ImReply.Snippet(a.Body)}");
        }

        return string.IsNullOrWhiteSpace(options.SuccessField) ? SendOutcome.Ok : ReadSuccessField(a.Body, options.SuccessField, options.SuccessValue);
    }

    /// <summary>Success when the dotted field's value, as text (a string's content, else its JSON), equals the configured value.</summary>
    public static SendOutcome ReadSuccessField(string body, string field, string expected)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var element = document.RootElement;
            foreach (var part in field.Split('.'))
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
                {
                    return SendOutcome.Failed($"answer has no {field}{ImReply.Snippet(body)}");
                }
            }

            var actual = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
            return string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase)
                ? SendOutcome.Ok
                : SendOutcome.Failed($"{field} is {actual}, not {expected}{ImReply.Snippet(body)}");
        }
        catch (JsonException)
        {
            return SendOutcome.Failed($"answer is not JSON{ImReply.Snippet(body)}");
        }
    }
}
