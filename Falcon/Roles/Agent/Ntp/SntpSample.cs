namespace Falcon.Roles.Agent.Ntp;

/// <summary>One SNTP measurement: how far the local clock is ahead of the server (negative: behind), and the round trip.</summary>
internal sealed record SntpSample(NtpServerAddress Server, TimeSpan LocalClockAhead, TimeSpan RoundTrip);
