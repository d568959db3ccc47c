namespace Falcon.Roles.Judge.Evaluation;

/// <summary>An event's status; on the wire it is "PROBLEM" or "OK" (§4.7).</summary>
internal enum EventStatus
{
    Problem,
    Ok,
}
