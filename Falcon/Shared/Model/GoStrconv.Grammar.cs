namespace Falcon.Shared.Model;

internal static partial class GoStrconv
{
    // Go's readFloat, which must consume all of s here because ParseFloat rejects trailing text.
    private static bool TryReadFloat(
        ReadOnlySpan<char> s, out ulong mantissa, out int exponent, out bool negative, out bool truncated, out bool hex)
    {
        mantissa = 0;
        exponent = 0;
        negative = false;
        truncated = false;
        hex = false;
        bool underscores = false;
        int i = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        if (s[i] == '+')
        {
            i++;
        }
        else if (s[i] == '-')
        {
            i++;
            negative = true;
        }

        ulong numberBase = 10;
        int maxMantissaDigits = 19; // 10^19 fits in a ulong
        char exponentChar = 'e';
        if (i + 2 < s.Length && s[i] == '0' && Lower(s[i + 1]) == 'x')
        {
            numberBase = 16;
            maxMantissaDigits = 16; // 16^16 fits in a ulong
            i += 2;
            exponentChar = 'p';
            hex = true;
        }

        bool sawDot = false, sawDigits = false;
        int digits = 0, mantissaDigits = 0, decimalPoint = 0;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '_')
            {
                underscores = true;
                continue;
            }

            if (c == '.')
            {
                if (sawDot)
                {
                    break;
                }

                sawDot = true;
                decimalPoint = digits;
                continue;
            }

            if (c is >= '0' and <= '9')
            {
                sawDigits = true;
                if (c == '0' && digits == 0)
                {
                    decimalPoint--; // a leading zero
                    continue;
                }

                digits++;
                if (mantissaDigits < maxMantissaDigits)
                {
                    mantissa = (mantissa * numberBase) + (ulong)(c - '0');
                    mantissaDigits++;
                }
                else if (c != '0')
                {
                    truncated = true;
                }

                continue;
            }

            if (hex && Lower(c) is >= 'a' and <= 'f')
            {
                sawDigits = true;
                digits++;
                if (mantissaDigits < maxMantissaDigits)
                {
                    mantissa = (mantissa * 16) + (ulong)(Lower(c) - 'a' + 10);
                    mantissaDigits++;
                }
                else
                {
                    truncated = true;
                }

                continue;
            }

            break;
        }

        if (!sawDigits)
        {
            return false;
        }

        if (!sawDot)
        {
            decimalPoint = digits;
        }

        if (hex)
        {
            decimalPoint *= 4;
            mantissaDigits *= 4;
        }

        if (i < s.Length && Lower(s[i]) == exponentChar)
        {
            i++;
            if (i >= s.Length)
            {
                return false;
            }

            int sign = 1;
            if (s[i] == '+')
            {
                i++;
            }
            else if (s[i] == '-')
            {
                i++;
                sign = -1;
            }

            if (i >= s.Length || s[i] is < '0' or > '9')
            {
                return false;
            }

            int e = 0;
            for (; i < s.Length && (s[i] is >= '0' and <= '9' || s[i] == '_'); i++)
            {
                if (s[i] == '_')
                {
                    underscores = true;
                    continue;
                }

                if (e < 10000)
                {
                    e = (e * 10) + (s[i] - '0');
                }
            }

            decimalPoint += e * sign;
        }
        else if (hex)
        {
            return false; // a hex mantissa needs a p exponent
        }

        if (mantissa != 0)
        {
            exponent = decimalPoint - mantissaDigits;
        }

        if (underscores && !UnderscoresAllowed(s[..i]))
        {
            return false;
        }

        return i == s.Length;
    }

    // Go's underscoreOK: '_' only between digits, or between a base prefix and a digit.
    private static bool UnderscoresAllowed(ReadOnlySpan<char> s)
    {
        char saw = '^';
        int i = 0;
        if (s.Length >= 1 && s[0] is '-' or '+')
        {
            s = s[1..];
        }

        bool hex = false;
        if (s.Length >= 2 && s[0] == '0' && Lower(s[1]) is 'b' or 'o' or 'x')
        {
            i = 2;
            saw = '0';
            hex = Lower(s[1]) == 'x';
        }

        for (; i < s.Length; i++)
        {
            if (s[i] is >= '0' and <= '9' || (hex && Lower(s[i]) is >= 'a' and <= 'f'))
            {
                saw = '0';
                continue;
            }

            if (s[i] == '_')
            {
                if (saw != '0')
                {
                    return false;
                }

                saw = '_';
                continue;
            }

            if (saw == '_')
            {
                return false;
            }

            saw = '!';
        }

        return saw != '_';
    }

    private static char Lower(char c) => (char)(c | ('x' - 'X'));
}
