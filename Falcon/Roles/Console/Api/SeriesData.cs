namespace Falcon.Roles.Console.Api;

/// <summary>One series for a chart: its labels and its points as [unix seconds, value] pairs.</summary>
internal sealed class SeriesData
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<double[]> Points { get; init; } = [];
}
