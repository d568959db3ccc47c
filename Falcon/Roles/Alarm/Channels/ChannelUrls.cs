namespace Falcon.Roles.Alarm.Channels;

/// <summary>Checks and shows channel URLs; a webhook URL carries its bot's token, so only scheme, host and port are ever shown.</summary>
internal static class ChannelUrls
{
    /// <summary>Problems with an optional http(s) URL setting (none when empty).</summary>
    public static IEnumerable<string> Check(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield break;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            // The value itself is not repeated: it may be a webhook with its token.
            yield return $"{key} must be an absolute http:// or https:// URL";
        }
    }

    /// <summary>`https://open.feishu.cn/open-apis/bot/v2/hook/SECRET` → `https://open.feishu.cn`.</summary>
    public static string Redact(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
