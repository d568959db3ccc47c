namespace Falcon.Roles.Judge.Matching;

/// <summary>Where the judge reads the rules in force (the rule sync, or a fixed copy in tests and the bench).</summary>
internal interface IJudgeRulesSource
{
    JudgeRules Current { get; }
}
