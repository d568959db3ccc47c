using System.Text.Json;

namespace Falcon.Shared.Model;

/// <summary>
/// The last string read for one field of a batch and its raw UTF-8, so that items repeating it (every item of an
/// agent's push has the same endpoint) share one string instead of decoding a copy each.
/// </summary>
internal struct RepeatedText
{
    // Longer values are decoded every time; endpoints are host names.
    private const int MaxBytes = 256;

    private byte[]? _utf8;
    private int _length;
    private string? _text;

    /// <summary>Sets <paramref name="field"/> to the remembered string when the reader's string token has exactly its bytes.</summary>
    public readonly bool TryReuse(ref Utf8JsonReader reader, ref string field)
    {
        if (_text is null || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence
            || !reader.ValueSpan.SequenceEqual(_utf8.AsSpan(0, _length)))
        {
            return false;
        }

        field = _text;
        return true;
    }

    /// <summary>Remembers <paramref name="text"/> as the decoding of the reader's current string token, when it is plain and short.</summary>
    public void Remember(ref Utf8JsonReader reader, string text)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxBytes)
        {
            return;
        }

        _utf8 ??= new byte[MaxBytes];
        reader.ValueSpan.CopyTo(_utf8);
        _length = reader.ValueSpan.Length;
        _text = text;
    }
}
