using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Falcon.Shared.Wire;

/// <summary>Numbers written byte for byte as Go's encoding/json writes them.</summary>
internal static class GoJson
{
    /// <summary>Longest output: sign, "0.00000" and 17 significant digits, or a 17-digit mantissa with "e-324".</summary>
    public const int MaxDoubleLength = 32;

    /// <summary>Formats a float64 as Go's encoding/json: shortest round-trip digits, <c>100</c> not <c>100.0</c>, <c>1e+21</c>, <c>1e-7</c>.</summary>
    public static string FormatDouble(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxDoubleLength];
        return Encoding.ASCII.GetString(buffer[..FormatDouble(value, buffer)]);
    }

    /// <summary>Writes a float64 as a raw JSON number formatted like Go.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> buffer = stackalloc byte[MaxDoubleLength];
        writer.WriteRawValue(buffer[..FormatDouble(value, buffer)], skipInputValidation: true);
    }

    /// <summary>Formats into <paramref name="destination"/> (at least <see cref="MaxDoubleLength"/> bytes) and returns the length.</summary>
    public static int FormatDouble(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
        {
            // Go's encoder fails the same way: json: unsupported value: NaN.
            throw new ArgumentException($"json: unsupported value: {FormatNonFinite(value)}", nameof(value));
        }

        Span<byte> digits = stackalloc byte[MaxDoubleLength];
        var (count, pointPos) = ShortestDigits(value, digits);
        digits = digits[..count];

        var length = 0;
        if (double.IsNegative(value))
        {
            destination[length++] = (byte)'-';
        }

        var abs = Math.Abs(value);
        // encoding/json floatEncoder: 'e' format when abs < 1e-6 || abs >= 1e21, else 'f'.
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            return length + WriteExponent(digits, pointPos - 1, destination[length..]);
        }

        return length + WriteFixed(digits, pointPos, destination[length..]);
    }

    /// <summary>Shortest round-trip significant digits (no leading or trailing zeros) and the decimal point
    /// position: value = 0.d1d2… × 10^pointPos. Zero is the single digit "0".</summary>
    private static (int Count, int PointPos) ShortestDigits(double value, Span<byte> digits)
    {
        Span<byte> raw = stackalloc byte[MaxDoubleLength];
        // "R" is .NET's shortest round-trip form, e.g. "1E+21", "-1.5E-07", "123.25".
        Math.Abs(value).TryFormat(raw, out var written, "R", CultureInfo.InvariantCulture);
        raw = raw[..written];

        var exponent = 0;
        var e = raw.IndexOf((byte)'E');
        if (e >= 0)
        {
            exponent = int.Parse(raw[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            raw = raw[..e];
        }

        var count = 0;
        var pointPos = -1;
        foreach (var b in raw)
        {
            if (b == (byte)'.')
            {
                pointPos = count;
            }
            else
            {
                digits[count++] = b;
            }
        }

        pointPos = (pointPos < 0 ? count : pointPos) + exponent;

        var start = 0;
        while (start < count - 1 && digits[start] == (byte)'0')
        {
            start++;
            pointPos--;
        }

        digits[start..count].CopyTo(digits);
        count -= start;
        while (count > 1 && digits[count - 1] == (byte)'0')
        {
            count--;
        }

        return (count, pointPos);
    }

    private static int WriteFixed(ReadOnlySpan<byte> digits, int pointPos, Span<byte> destination)
    {
        if (digits is [(byte)'0'])
        {
            destination[0] = (byte)'0';
            return 1;
        }

        var length = 0;
        if (pointPos <= 0)
        {
            "0."u8.CopyTo(destination);
            length = 2;
            destination.Slice(length, -pointPos).Fill((byte)'0');
            length += -pointPos;
            digits.CopyTo(destination[length..]);
            return length + digits.Length;
        }

        if (pointPos >= digits.Length)
        {
            digits.CopyTo(destination);
            destination.Slice(digits.Length, pointPos - digits.Length).Fill((byte)'0');
            return pointPos;
        }

        digits[..pointPos].CopyTo(destination);
        destination[pointPos] = (byte)'.';
        digits[pointPos..].CopyTo(destination[(pointPos + 1)..]);
        return digits.Length + 1;
    }

    private static int WriteExponent(ReadOnlySpan<byte> digits, int exponent, Span<byte> destination)
    {
        var length = 0;
        destination[length++] = digits[0];
        if (digits.Length > 1)
        {
            destination[length++] = (byte)'.';
            digits[1..].CopyTo(destination[length..]);
            length += digits.Length - 1;
        }

        destination[length++] = (byte)'e';
        destination[length++] = exponent < 0 ? (byte)'-' : (byte)'+';
        // strconv pads the exponent to two digits; encoding/json then rewrites "e-07" to "e-7" (negative only).
        var magnitude = Math.Abs(exponent);
        if (exponent >= 0 && magnitude < 10)
        {
            destination[length++] = (byte)'0';
        }

        magnitude.TryFormat(destination[length..], out var written, provider: CultureInfo.InvariantCulture);
        return length + written;
    }

    private static string FormatNonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
}
