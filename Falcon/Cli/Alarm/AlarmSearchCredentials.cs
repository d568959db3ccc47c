using System.Text.Json;
using Falcon.Roles.Alarm.Search;

namespace Falcon.Cli.Alarm;

/// <summary>`falcon alarm search --apitoken`: open-falcon's Apitoken header (a user's session), sent instead of the admin bearer token.</summary>
internal static class AlarmSearchCredentials
{
    /// <summary>`--apitoken` as the header's JSON, or `user:sig` for short; null with <paramref name="error"/> when it is neither.</summary>
    public static string? ApiTokenHeader(string value, out string error)
    {
        error = "";
        var text = value.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                if (JsonSerializer.Deserialize(text, AlarmSearchJsonContext.Default.ApiTokenHeader) is { Name.Length: > 0, Sig.Length: > 0 })
                {
                    return text;
                }
            }
            catch (JsonException)
            {
                // reported below
            }
        }
        else if (text.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && colon < text.Length - 1)
        {
            var header = new ApiTokenHeader { Name = text[..colon], Sig = text[(colon + 1)..] };
            return JsonSerializer.Serialize(header, AlarmSearchJsonContext.Default.ApiTokenHeader);
        }

        error = "--apitoken must be {\"name\":\"<user>\",\"sig\":\"<session sig>\"} or <user>:<sig>";
        return null;
    }
}
