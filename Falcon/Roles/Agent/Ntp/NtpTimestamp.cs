namespace Falcon.Roles.Agent.Ntp;

/// <summary>NTP's 64-bit timestamp: seconds since 1900-01-01 (32 bits, wrapping in 2036) and a 32-bit fraction.</summary>
internal static class NtpTimestamp
{
    private static readonly DateTimeOffset Era0 = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // RFC 4330 section 3: a seconds value with the top bit clear is read as era 1, which starts at 2036-02-07T06:28:16Z.
    private static readonly DateTimeOffset Era1 = Era0.AddSeconds(4_294_967_296d);

    public static ulong FromTime(DateTimeOffset time)
    {
        var sinceEra = time >= Era1 ? time - Era1 : time - Era0;
        var ticks = (ulong)sinceEra.Ticks;
        var seconds = ticks / TimeSpan.TicksPerSecond;
        var fraction = ((ticks % TimeSpan.TicksPerSecond) << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    public static DateTimeOffset ToTime(ulong timestamp)
    {
        var seconds = timestamp >> 32;
        var fraction = timestamp & 0xFFFF_FFFF;
        var era = (seconds & 0x8000_0000) != 0 ? Era0 : Era1;
        var ticks = (long)(seconds * TimeSpan.TicksPerSecond) + (long)((fraction * TimeSpan.TicksPerSecond) >> 32);
        return era.AddTicks(ticks);
    }
}
