using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Hbs.Config;

/// <summary>A strategy row made ready to serve once per snapshot: tags and right value parsed, its inheritance key built.</summary>
/// <remarks>
/// <c>Prototype</c> is the wire form with the strategy's own template (served copies swap in the youngest template of
/// the chain); <c>Key</c> is open-falcon's override key <c>metric:&lt;m&gt;/tags:&lt;sortedTags&gt;</c>, by which a child
/// template's strategy replaces its parent's.
/// </remarks>
internal sealed record StrategyRow(Strategy Prototype, string Key, string RunBegin, string RunEnd, long TemplateId)
{
    public long Id => Prototype.Id;
}
