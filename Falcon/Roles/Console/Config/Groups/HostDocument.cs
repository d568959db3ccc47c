namespace Falcon.Roles.Console.Config.Groups;

/// <summary>
/// A host's maintenance window as one audited object (kind "host"): host.maintain_begin/maintain_end in unix seconds,
/// both 0 when none is set. The host row itself belongs to hbs and the CMDB, not to the console.
/// </summary>
internal sealed class HostDocument
{
    public string Name { get; init; } = "";

    public long MaintainBegin { get; init; }

    public long MaintainEnd { get; init; }
}
