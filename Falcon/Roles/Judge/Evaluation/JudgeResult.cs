namespace Falcon.Roles.Judge.Evaluation;

/// <summary>What one evaluation decided, and the leftValue the event carries.</summary>
internal readonly record struct JudgeResult(bool Triggered, double LeftValue);
