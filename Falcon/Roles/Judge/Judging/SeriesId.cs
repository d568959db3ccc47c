namespace Falcon.Roles.Judge.Judging;

/// <summary>A series as the judge keys its history: endpoint, metric and the canonical tag string, compared without building the PK.</summary>
internal readonly record struct SeriesId(string Endpoint, string Metric, string Tags);
