namespace Falcon.Roles.Console.Config.Rules;

/// <summary>A row of falcon_portal.tpl.</summary>
internal sealed record TemplateRow(long Id, string Name, long ParentId, long ActionId, string Creator);
