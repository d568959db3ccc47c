using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>
/// IM through a bot webhook (Feishu/Lark, DingTalk, WeCom, Slack or a generic JSON endpoint). A message whose only group
/// is a webhook URL goes to that group's bot on the primary try; the backup try goes to alarm.im.backup.
/// </summary>
internal sealed class ImWebhookSender(HttpClient client, IOptions<ImChannelOptions> options, TimeProvider timeProvider) : IChannelSender
{
    private readonly ImChannelOptions _options = options.Value;

    public ChannelKind Channel => ChannelKind.Im;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_options.Primary);

    public bool HasBackup => !string.IsNullOrWhiteSpace(_options.Backup);

    public async Task<SendOutcome> SendAsync(AlarmMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        var (url, secret) = Destination(message, target);
        if (url is null)
        {
            return SendOutcome.Failed($"alarm.im.{(target == ChannelTarget.Primary ? "primary" : "backup")} is not configured");
        }

        (string Timestamp, string Sign)? feishuSignature = null;
        if (!string.IsNullOrEmpty(secret))
        {
            var seconds = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            if (_options.Provider == ImProvider.Feishu)
            {
                feishuSignature = (seconds, FeishuSign(seconds, secret));
            }
            else if (_options.Provider == ImProvider.Dingtalk)
            {
                var millis = timeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                url = new Uri($"{url}{(string.IsNullOrEmpty(url.Query) ? "?" : "&")}timestamp={millis}&sign={Uri.EscapeDataString(DingTalkSign(millis, secret))}");
            }
        }

        var body = ImPayload.Create(_options.Provider, message, feishuSignature);
        string? failure = null;
        var answer = await ChannelHttp.PostAsync(client, url, ChannelHttp.Json(body), null, _options.Timeout, f => failure = f, cancellationToken);
        return answer is { } a ? ImReply.Read(_options.Provider, a.Status, a.Body) : SendOutcome.Failed(failure ?? "no answer");
    }

    private (Uri? Url, string? Secret) Destination(AlarmMessage message, ChannelTarget target)
    {
        if (target == ChannelTarget.Primary)
        {
            var group = message.Groups.FirstOrDefault(IsWebhook);
            if (group is not null)
            {
                return (new Uri(group), null);
            }

            return (AsUri(_options.Primary), _options.PrimarySecret);
        }

        return (AsUri(_options.Backup) ?? AsUri(_options.Primary), HasBackup ? _options.BackupSecret : _options.PrimarySecret);
    }

    public static bool IsWebhook(string group) =>
        Uri.TryCreate(group, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static Uri? AsUri(string? value) => string.IsNullOrWhiteSpace(value) ? null : new Uri(value);

    // Feishu: HMAC-SHA256 keyed with "timestamp\nsecret" over an empty message, base64.
    private static string FeishuSign(string timestamp, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{timestamp}\n{secret}"), Array.Empty<byte>()));

    // DingTalk: HMAC-SHA256 keyed with the secret over "timestamp\nsecret", base64 (then URL-encoded by the caller).
    private static string DingTalkSign(string timestamp, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
}
