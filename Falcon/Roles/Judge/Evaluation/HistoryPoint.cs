namespace Falcon.Roles.Judge.Evaluation;

/// <summary>One judged value: a raw gauge point, or a counter rate stamped with the newer point's time.</summary>
internal readonly record struct HistoryPoint(long Timestamp, double Value);
