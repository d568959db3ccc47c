using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Falcon.Roles.Alarm.Search;

/// <summary>Where a page ended: the last case's update time and id (keyset paging, stable while new alarms arrive).</summary>
internal sealed record AlarmSearchCursor(long Updated, string Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Updated}:{Id}")));

    public static AlarmSearchCursor? TryDecode(string text)
    {
        if (text.Length is 0 or > 200)
        {
            return null;
        }

        string plain;
        try
        {
            plain = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = plain.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && long.TryParse(plain.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var updated)
            && colon < plain.Length - 1
            ? new AlarmSearchCursor(updated, plain[(colon + 1)..])
            : null;
    }
}
