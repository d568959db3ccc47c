using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Hbs.Config;

/// <summary>A cached GetStrategies answer: valid while the minute and the set of hosts in maintenance stay the same.</summary>
internal sealed record StrategiesAnswer(StrategyPlan Plan, int[] HostsInMaintenance, StrategiesResponse Response);
