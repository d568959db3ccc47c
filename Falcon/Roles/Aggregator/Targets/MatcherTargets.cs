namespace Falcon.Roles.Aggregator.Targets;

/// <summary>Every host whose endpoint matches a regular expression (anchored, RE2 syntax as the TSDB reads it).</summary>
internal sealed class EndpointPatternTarget(string pattern) : IAggregateTarget
{
    public const string KindName = Falcon.Shared.Model.Aggregates.AggregateRules.EndpointKind;

    public string Kind => KindName;

    public string Name => pattern;

    public Task<TargetHosts> ResolveAsync(IHostLists hostLists, DateTimeOffset stepTime, CancellationToken cancellationToken) =>
        Task.FromResult(TargetHosts.Matching($"endpoint=~{PromQl.Quote(pattern)}"));
}

/// <summary>Any TSDB label matchers, written as inside braces: `idc="bj",role=~"web|api"`.</summary>
internal sealed class SelectorTarget(string matchers) : IAggregateTarget
{
    public const string KindName = Falcon.Shared.Model.Aggregates.AggregateRules.SelectorKind;

    public string Kind => KindName;

    public string Name => matchers;

    public Task<TargetHosts> ResolveAsync(IHostLists hostLists, DateTimeOffset stepTime, CancellationToken cancellationToken) =>
        Task.FromResult(TargetHosts.Matching(matchers));
}
