using System.Globalization;

namespace Falcon.Shared.Model;

/// <summary>Go's strconv.ParseFloat(s, 64), which decides whether a pushed string value is numeric.</summary>
internal static partial class GoStrconv
{
    // The grammar is a port of Go's readFloat and special: an optional sign, then decimal digits with an
    // optional point and e-exponent, or a 0x mantissa with a required p-exponent, '_' between digits; or
    // "inf", "infinity" and "nan" in any case. No whitespace. .NET converts decimals (it rounds correctly,
    // as Go does) but has no hex floats, so those go through a port of Go's atofHex.
    private const NumberStyles DecimalStyles =
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>True where Go returns no error, NaN and ±Inf included; false on a syntax or range error.</summary>
    public static bool TryParseFloat(ReadOnlySpan<char> s, out double value)
    {
        if (TryParseSpecial(s, out value))
        {
            return true;
        }

        if (!TryReadFloat(s, out ulong mantissa, out int exponent, out bool negative, out bool truncated, out bool hex))
        {
            value = 0;
            return false;
        }

        return hex
            ? TryHexToDouble(mantissa, exponent, negative, truncated, out value)
            : TryDecimalToDouble(s, out value);
    }

    private static bool TryParseSpecial(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        // Go: a sign is allowed before "inf" and "infinity" but not before "nan".
        if (s[0] is 'n' or 'N')
        {
            if (s.Length == 3 && CommonPrefixLengthIgnoreCase(s, "nan") == 3)
            {
                value = double.NaN;
                return true;
            }

            return false;
        }

        int signLength = s[0] is '+' or '-' ? 1 : 0;
        if (signLength == 0 && s[0] is not ('i' or 'I'))
        {
            return false;
        }

        int n = CommonPrefixLengthIgnoreCase(s[signLength..], "infinity");
        if ((n == 3 || n == 8) && signLength + n == s.Length)
        {
            value = s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        return false;
    }

    private static int CommonPrefixLengthIgnoreCase(ReadOnlySpan<char> s, string lowerPrefix)
    {
        int n = Math.Min(s.Length, lowerPrefix.Length);
        for (int i = 0; i < n; i++)
        {
            char c = s[i] is >= 'A' and <= 'Z' ? (char)(s[i] + ('a' - 'A')) : s[i];
            if (c != lowerPrefix[i])
            {
                return i;
            }
        }

        return n;
    }

    private static bool TryDecimalToDouble(ReadOnlySpan<char> s, out double value)
    {
        // The grammar is already checked; .NET only has to skip Go's digit separators.
        Span<char> buffer = s.Length <= 128 ? stackalloc char[128] : new char[s.Length];
        int length = 0;
        foreach (char c in s)
        {
            if (c != '_')
            {
                buffer[length++] = c;
            }
        }

        // .NET overflows to ±Infinity where Go reports a range error.
        return double.TryParse(buffer[..length], DecimalStyles, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    // Go's atofHex for float64: round the mantissa to 53 bits, to nearest even, denormalizing if needed.
    private static bool TryHexToDouble(ulong mantissa, int exponent, bool negative, bool truncated, out double value)
    {
        const int MantissaBits = 52;
        const int ExponentBits = 11;
        const int Bias = -1023;
        const int MaxExponent = (1 << ExponentBits) + Bias - 2;
        const int MinExponent = Bias + 1;

        exponent += MantissaBits;
        while (mantissa != 0 && mantissa >> (MantissaBits + 2) == 0)
        {
            mantissa <<= 1;
            exponent--;
        }

        if (truncated)
        {
            mantissa |= 1;
        }

        while (mantissa >> (1 + MantissaBits + 2) != 0)
        {
            mantissa = (mantissa >> 1) | (mantissa & 1);
            exponent++;
        }

        while (mantissa > 1 && exponent < MinExponent - 2)
        {
            mantissa = (mantissa >> 1) | (mantissa & 1);
            exponent++;
        }

        ulong round = mantissa & 3;
        mantissa >>= 2;
        round |= mantissa & 1;
        exponent += 2;
        if (round == 3)
        {
            mantissa++;
            if (mantissa == 1UL << (1 + MantissaBits))
            {
                mantissa >>= 1;
                exponent++;
            }
        }

        if (mantissa >> MantissaBits == 0)
        {
            exponent = Bias; // denormal or zero
        }

        if (exponent > MaxExponent)
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return false;
        }

        ulong bits = mantissa & ((1UL << MantissaBits) - 1);
        bits |= (ulong)((exponent - Bias) & ((1 << ExponentBits) - 1)) << MantissaBits;
        if (negative)
        {
            bits |= 1UL << 63;
        }

        value = BitConverter.UInt64BitsToDouble(bits);
        return true;
    }
}
