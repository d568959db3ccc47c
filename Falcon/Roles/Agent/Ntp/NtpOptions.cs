using Falcon.Shared.Configuration;


namespace Falcon.Roles.Agent.Ntp;

/// <summary>The `agent.ntp` section: the servers `sys.ntp.offset` is measured against.</summary>
internal sealed class NtpOptions
{
    public const string SectionName = "agent:ntp";

    /// <summary>NTP servers, `host` or `host:port` (123 by default); empty turns `sys.ntp.offset` off.</summary>
    [NtpServerList("agent.ntp.servers")]
    public List<string> Servers { get; set; } = [];

    /// <summary>How long one measurement waits for the servers' answers (name lookup included).</summary>
    [DurationRange("agent.ntp.timeout", "00:00:00.010", "00:00:30")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
