namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// A whole template as one audited object: its parent, its strategies (sorted, without ids) and its action. The groups
/// bound to it are not part of it: a binding belongs to the group.
/// </summary>
internal sealed class TemplateDocument
{
    public string Name { get; set; } = "";

    public string? Parent { get; set; }

    public string Creator { get; set; } = "";

    public List<StrategyDocument> Strategies { get; set; } = [];

    public ActionDocument? Action { get; set; }
}
