using System.Globalization;

namespace Falcon.Roles.Alarm.Records;

/// <summary>How open-falcon's alarm prints numbers and times: Go's %v for a float64, utils.ReadableFloat, and "2006-01-02 15:04:05".</summary>
internal static class GoFormat
{
    /// <summary>Go's <c>fmt.Sprintf("%v", f)</c> (strconv 'g' with the shortest digits): 90, 0.5, 1.5e+06, 1e-05.</summary>
    public static string V(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        // "R" gives the shortest digits that round-trip, as Go's strconv does; they are laid out as Go lays them out.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var sign = value < 0 ? "-" : "";
        // strconv.FormatFloat(f, 'g', -1, 64): %e when exp < -4 || exp >= 6 (the precision used for shortest).
        if (exponent < -4 || exponent >= 6)
        {
            var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            var exp = Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
            return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{exp}";
        }

        if (exponent < 0)
        {
            return sign + "0." + new string('0', -exponent - 1) + digits;
        }

        if (exponent + 1 >= digits.Length)
        {
            return sign + digits + new string('0', exponent + 1 - digits.Length);
        }

        return sign + digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
    }

    /// <summary>open-falcon's utils.ReadableFloat: five decimals, then trailing zeros and a bare point trimmed.</summary>
    public static string Readable(double value)
    {
        var text = value.ToString("F5", CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text;
    }

    /// <summary>A unix time as the process's local "2006-01-02 15:04:05", as open-falcon's FormattedTime.</summary>
    public static string Time(long unixSeconds) =>
        LocalTime(unixSeconds).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A unix time as the local wall-clock time open-falcon hands MySQL for a TIMESTAMP column.</summary>
    public static DateTime LocalTime(long unixSeconds) =>
        DateTime.SpecifyKind(DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToLocalTime().DateTime, DateTimeKind.Unspecified);

    private static (string Digits, int Exponent) Decompose(string roundTrip)
    {
        var e = roundTrip.IndexOfAny(['E', 'e']);
        var exponentPart = 0;
        var mantissa = roundTrip;
        if (e >= 0)
        {
            exponentPart = int.Parse(roundTrip.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = roundTrip[..e];
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fraction = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var all = intPart + fraction;
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        if (digits.Length == 0)
        {
            return ("0", 0);
        }

        var exponent = intPart.Length - 1 - leadingZeros + exponentPart;
        return (digits, exponent);
    }
}
