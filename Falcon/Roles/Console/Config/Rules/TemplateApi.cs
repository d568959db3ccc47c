namespace Falcon.Roles.Console.Config.Rules;

/// <summary>A line of `GET /api/templates`.</summary>
internal sealed class TemplateSummary
{
    public string Name { get; set; } = "";

    public string? Parent { get; set; }

    public string Creator { get; set; } = "";

    public int Strategies { get; set; }

    public List<string> Groups { get; set; } = [];
}

/// <summary>`GET /api/templates/{name}`: the template with strategy ids, what it inherits, and the groups bound to it.</summary>
internal sealed class TemplateDetails
{
    public string Name { get; set; } = "";

    public string? Parent { get; set; }

    public string Creator { get; set; } = "";

    public List<StrategyDocument> Strategies { get; set; } = [];

    public List<InheritedStrategies> Inherited { get; set; } = [];

    public ActionDocument? Action { get; set; }

    public List<string> Groups { get; set; } = [];
}

/// <summary>The strategies of one ancestor template, nearest parent first.</summary>
internal sealed class InheritedStrategies
{
    public string Template { get; set; } = "";

    public List<StrategyDocument> Strategies { get; set; } = [];
}

/// <summary>The body of `POST /api/templates` and `PUT /api/templates/{name}`.</summary>
internal sealed class TemplateHeader
{
    public string? Name { get; set; }

    public string? Parent { get; set; }
}
