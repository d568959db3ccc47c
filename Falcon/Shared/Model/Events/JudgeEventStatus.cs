namespace Falcon.Shared.Model.Events;

/// <summary>The two values of an event's <c>status</c> field.</summary>
internal static class JudgeEventStatus
{
    /// <summary>The condition holds.</summary>
    public const string Problem = "PROBLEM";

    /// <summary>The condition has stopped holding after a PROBLEM.</summary>
    public const string Ok = "OK";
}
