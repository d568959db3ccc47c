using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;

namespace Falcon.Hosting.Configuration;

/// <summary>Process-wide settings shared by every role in the process.</summary>
internal sealed class HostingOptions
{
    public const string SectionName = "host";

    /// <summary>Name of this process among its peers (in-flight queues, locks); defaults to the machine name.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "host.instance must not be empty")]
    [RegularExpression(@"^[A-Za-z0-9._:-]{1,128}$", ErrorMessage = "host.instance may hold only letters, digits and . _ : - (at most 128)")]
    public string Instance { get; set; } = Environment.MachineName;

    /// <summary>How long SIGTERM waits for roles to drain queues and flush before the process exits.</summary>
    [DurationRange("host.shutdownTimeout", "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bearer token that admits non-loopback callers to mutating admin routes (upgrades, silences); empty = loopback only.</summary>
    public string AdminToken { get; set; } = string.Empty;
}
