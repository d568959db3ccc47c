namespace Falcon.Shared.Portal.Audit;

/// <summary>
/// One audited change: who did what to which object, with the object's JSON before and after (null when it did not
/// exist). Objects are named as people name them (a template's name, "group/template" for a binding), never by id,
/// so a row still reads right in the other datacenter and after an export/import.
/// </summary>
internal sealed record AuditEntry(string Actor, string Action, string Kind, string Object, string? OldValue, string? NewValue, string Summary = "");
