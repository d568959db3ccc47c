namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// A Falcon aggregate (falcon_aggregate, docs/aggregator.md): its target, counter and methods, and the output endpoint,
/// metric and tags ("" for the default naming), step and series step (null: the aggregator's setting).
/// </summary>
internal sealed class AggregateDocument
{
    public string Name { get; set; } = "";

    public string TargetKind { get; set; } = "falcon_group";

    public string Target { get; set; } = "";

    public string Counter { get; set; } = "";

    public List<string> Methods { get; set; } = [];

    public string Endpoint { get; set; } = "";

    public string Metric { get; set; } = "";

    public string Tags { get; set; } = "";

    public int Step { get; set; } = 60;

    public int? SeriesStep { get; set; }

    public bool Enabled { get; set; } = true;

    public string Creator { get; set; } = "";
}
