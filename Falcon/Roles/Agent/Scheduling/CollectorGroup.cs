using Falcon.Roles.Agent.Collectors;

namespace Falcon.Roles.Agent.Scheduling;

/// <summary>Collectors built together from options (the Linux catalog), registered as one service beside single <see cref="ICollector"/>s.</summary>
internal sealed record CollectorGroup(IReadOnlyList<ICollector> Collectors);
