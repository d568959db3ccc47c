namespace Falcon.Roles.Judge.Evaluation;

/// <summary>An event's status; on the wire it is "PROBLEM" or "OK" (docs/protocols.md, "judge").</summary>
internal enum EventStatus
{
    Problem,
    Ok,
}
