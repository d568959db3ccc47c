using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Falcon.Shared.Portal.Sessions;

/// <summary>open-falcon's `Apitoken` header, `{"name":"&lt;user&gt;","sig":"&lt;session sig&gt;"}` (keys read case-insensitively, as Go does).</summary>
internal sealed record ApiToken(string Name, string Sig)
{
    public const string HeaderName = "Apitoken";

    /// <summary>Parses the header; false with a message a person can act on when it is not that JSON or a field is empty or too long.</summary>
    public static bool TryParse(string? header, [NotNullWhen(true)] out ApiToken? token, [NotNullWhen(false)] out string? error)
    {
        token = null;
        error = "the Apitoken header is not {\"name\":\"<user>\",\"sig\":\"<session sig>\"}";
        if (string.IsNullOrEmpty(header) || header.Length > 4096)
        {
            return false;
        }

        string? name = null, sig = null;
        try
        {
            using var document = JsonDocument.Parse(header);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                if (property.Name.Equals("name", StringComparison.OrdinalIgnoreCase))
                {
                    name = property.Value.GetString();
                }
                else if (property.Name.Equals("sig", StringComparison.OrdinalIgnoreCase))
                {
                    sig = property.Value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        // uic.user.name is varchar(64) and uic.session.sig varchar(32).
        if (name is not { Length: > 0 and <= 64 } || sig is not { Length: > 0 and <= 32 })
        {
            return false;
        }

        token = new ApiToken(name, sig);
        error = null;
        return true;
    }
}
