namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// One strategy as the console shows and takes it (falcon_portal.strategy). <see cref="Id"/> is given in the API
/// while editing and left out of the template's audited JSON, where strategies are known by their content.
/// </summary>
internal sealed class StrategyDocument
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? Id { get; set; }

    public string Metric { get; set; } = "";

    public string Tags { get; set; } = "";

    public string Func { get; set; } = "all(#1)";

    public string Op { get; set; } = "";

    public string RightValue { get; set; } = "";

    public int MaxStep { get; set; } = 1;

    public int Priority { get; set; }

    public string RunBegin { get; set; } = "";

    public string RunEnd { get; set; } = "";

    public string Note { get; set; } = "";

    /// <summary>The same strategy without its id (the template JSON's form).</summary>
    public StrategyDocument WithoutId() => new()
    {
        Metric = Metric, Tags = Tags, Func = Func, Op = Op, RightValue = RightValue, MaxStep = MaxStep, Priority = Priority,
        RunBegin = RunBegin, RunEnd = RunEnd, Note = Note,
    };

    /// <summary>True when everything but the id is equal.</summary>
    public bool SameContent(StrategyDocument other) => StrategyOrder.Instance.Compare(this, other) == 0;
}
