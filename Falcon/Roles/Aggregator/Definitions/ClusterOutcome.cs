namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>What a `cluster` row gives for one step: the value to push (null: nothing is pushed) and the hosts counted.</summary>
internal readonly record struct ClusterOutcome(double? Value, int ValidHosts, string? Why);
