namespace Falcon.Roles.Alarm.DryRun;

/// <summary>The user's contact details in uic.</summary>
internal sealed class DryRunAddresses
{
    public string Im { get; init; } = "";

    public string Mail { get; init; } = "";

    public string Phone { get; init; } = "";
}
