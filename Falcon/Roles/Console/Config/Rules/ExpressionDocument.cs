namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// An expression (falcon_portal.expression) with its action: one audited object named by its text. <see cref="Id"/> is
/// given in the API while editing and left out of the audited JSON.
/// </summary>
internal sealed class ExpressionDocument
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? Id { get; set; }

    public string Expression { get; set; } = "";

    public string Func { get; set; } = "all(#1)";

    public string Op { get; set; } = "";

    public string RightValue { get; set; } = "";

    public int MaxStep { get; set; } = 1;

    public int Priority { get; set; }

    public string Note { get; set; } = "";

    public bool Pause { get; set; }

    public string Creator { get; set; } = "";

    public ActionDocument? Action { get; set; }
}
