namespace Falcon.Roles.Alarm.Channels;

/// <summary>What one try at sending a message gave: success as the provider reports it, else why not (never a secret).</summary>
internal readonly record struct SendOutcome(bool Succeeded, string Detail)
{
    public static SendOutcome Ok { get; } = new(true, "ok");

    public static SendOutcome Failed(string detail) => new(false, detail);
}
