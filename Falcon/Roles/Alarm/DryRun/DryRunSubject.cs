using Falcon.Shared.Model.Events;

namespace Falcon.Roles.Alarm.DryRun;

/// <summary>The event a dry run routes, and what an operator should know about it (why it might never be raised).</summary>
internal sealed record DryRunSubject(JudgeEvent Event, string Template, IReadOnlyList<string> Notes);
