using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Hbs.Config;

/// <summary>
/// For one local "HH:MM" minute (run windows change only per minute): the inherited strategies of every distinct
/// template set, indexed like the view's template sets, and the strategies in their window.
/// </summary>
internal sealed record StrategyPlan(string Minute, IReadOnlyList<Strategy>[] ByTemplateSet, IReadOnlyList<Strategy> Active);
