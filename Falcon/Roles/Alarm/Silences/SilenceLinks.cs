using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Falcon.Roles.Alarm.Channels;
using Falcon.Shared.Silences;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>
/// Signed, expiring silence links for alarm messages. The signature is HMAC-SHA256 under `alarm.silences.linkSecret`
/// over every parameter (recipient, endpoint, counter, duration, expiry), so a link silences only what it was sent
/// for, only for its recipient, and only until it expires; changing one character of it voids it.
/// </summary>
internal sealed class SilenceLinks(IOptions<SilenceOptions> options, TimeProvider timeProvider)
{
    /// <summary>The path of the link page, under `alarm.silences.linkBaseUrl`.</summary>
    public const string Path = "/silences/link";

    public const string UserParameter = "u";
    public const string EndpointParameter = "e";
    public const string CounterParameter = "c";
    public const string DurationParameter = "d";
    public const string ExpiresParameter = "x";
    public const string SignatureParameter = "s";

    private static readonly string[] Parameters = [UserParameter, EndpointParameter, CounterParameter, DurationParameter, ExpiresParameter, SignatureParameter];

    public bool Enabled => options.Value.LinksEnabled;

    /// <summary>One card button per offered duration ("Silence 1h" ...), for one recipient of an alarm; none when links are off.</summary>
    public IReadOnlyList<MessageAction> ActionsFor(string user, string endpoint, string counter)
    {
        if (!Enabled)
        {
            return [];
        }

        var expires = timeProvider.GetUtcNow() + options.Value.LinkLifetime;
        return options.Value.OfferedDurations()
            .Select(d => new MessageAction($"Silence {SilenceDuration.Format(d)}", Url(new SilenceLink(user, endpoint, counter, d, expires))))
            .ToArray();
    }

    /// <summary>The signed URL for <paramref name="link"/>.</summary>
    public string Url(SilenceLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var query = Fields(link).Append((SignatureParameter, Sign(link)))
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}");
        return $"{options.Value.LinkBaseUrl.TrimEnd('/')}{Path}?{string.Join('&', query)}";
    }

    /// <summary>Checks the parameters of a link (from its query or the confirmation form); the link, or why it is refused.</summary>
    public (SilenceLink? Link, SilenceLinkRefusal Refusal) Verify(Func<string, string?> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!Enabled)
        {
            return (null, SilenceLinkRefusal.Disabled);
        }

        var values = Parameters.ToDictionary(p => p, parameter);
        if (values.Values.Any(string.IsNullOrEmpty)
            || !long.TryParse(values[DurationParameter], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds is <= 0 or > 366L * 86400
            || !long.TryParse(values[ExpiresParameter], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return (null, SilenceLinkRefusal.Malformed);
        }

        var link = new SilenceLink(
            values[UserParameter]!,
            values[EndpointParameter]!,
            values[CounterParameter]!,
            TimeSpan.FromSeconds(seconds),
            DateTimeOffset.FromUnixTimeSeconds(expires));

        // The signature is checked before the expiry, so a forged link is reported as forged whatever its date says.
        var expected = Encoding.ASCII.GetBytes(Sign(link));
        var given = Encoding.ASCII.GetBytes(values[SignatureParameter]!);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return (null, SilenceLinkRefusal.Forged);
        }

        return timeProvider.GetUtcNow() >= link.Expires ? (link, SilenceLinkRefusal.Expired) : (link, SilenceLinkRefusal.None);
    }

    /// <summary>The parameters besides the signature, in the order the URL and the form carry them.</summary>
    public static IEnumerable<(string, string)> Fields(SilenceLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        yield return (UserParameter, link.User);
        yield return (EndpointParameter, link.Endpoint);
        yield return (CounterParameter, link.Counter);
        yield return (DurationParameter, ((long)link.Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        yield return (ExpiresParameter, link.Expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    }

    private string Sign(SilenceLink link)
    {
        // Each field is length-prefixed, so no choice of user or counter text can shift bytes from one field into another.
        var payload = new StringBuilder("falcon-silence-link-v1\n");
        foreach (var (_, value) in Fields(link))
        {
            payload.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
        }

        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.LinkSecret), Encoding.UTF8.GetBytes(payload.ToString()));
        return Base64Url.EncodeToString(mac);
    }
}
