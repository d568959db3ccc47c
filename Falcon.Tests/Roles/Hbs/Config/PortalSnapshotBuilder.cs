using Falcon.Roles.Hbs.Config;

namespace Falcon.Tests.Roles.Hbs.Config;

/// <summary>Builds a <see cref="PortalSnapshot"/> in memory, one falcon_portal row per call.</summary>
internal sealed class PortalSnapshotBuilder
{
    private readonly List<PortalHost> _hosts = [];
    private readonly List<PortalGroup> _groups = [];
    private readonly List<PortalGroupHosts> _groupHosts = [];
    private readonly List<PortalTemplate> _templates = [];
    private readonly List<PortalGroupTemplates> _groupTemplates = [];
    private readonly List<PortalStrategy> _strategies = [];
    private readonly List<PortalExpression> _expressions = [];
    private readonly List<PortalGroupPlugins> _groupPlugins = [];

    public PortalSnapshotBuilder Host(long id, string hostname, long maintainBegin = 0, long maintainEnd = 0)
    {
        _hosts.Add(new PortalHost(id, hostname, "10.0.0." + id, maintainBegin, maintainEnd));
        return this;
    }

    public PortalSnapshotBuilder Group(long id, string name, params long[] hostIds)
    {
        _groups.Add(new PortalGroup(id, name));
        if (hostIds.Length > 0)
        {
            _groupHosts.Add(new PortalGroupHosts(id, hostIds));
        }

        return this;
    }

    public PortalSnapshotBuilder Template(long id, string name, long parentId = 0, long actionId = 0)
    {
        _templates.Add(new PortalTemplate(id, name, parentId, actionId, "root"));
        return this;
    }

    public PortalSnapshotBuilder Bind(long groupId, params long[] templateIds)
    {
        _groupTemplates.Add(new PortalGroupTemplates(groupId, templateIds));
        return this;
    }

    public PortalSnapshotBuilder Strategy(
        long id, long templateId, string metric, string tags = "", string rightValue = "90", string runBegin = "", string runEnd = "")
    {
        _strategies.Add(new PortalStrategy(id, metric, tags, "all(#3)", ">", rightValue, 3, 2, "note " + id, runBegin, runEnd, templateId));
        return this;
    }

    public PortalSnapshotBuilder Expression(long id, string expression, long actionId = 1, string rightValue = "1")
    {
        _expressions.Add(new PortalExpression(id, expression, "all(#1)", "==", rightValue, 1, 0, "expression " + id, actionId));
        return this;
    }

    public PortalSnapshotBuilder Plugins(long groupId, params string[] dirs)
    {
        _groupPlugins.Add(new PortalGroupPlugins(groupId, dirs));
        return this;
    }

    public PortalSnapshot Build() => new()
    {
        LoadedAtUnixMs = 1_700_000_000_000,
        Hosts = [.. _hosts],
        Groups = [.. _groups],
        GroupHosts = [.. _groupHosts],
        Templates = [.. _templates],
        GroupTemplates = [.. _groupTemplates],
        Strategies = [.. _strategies],
        Expressions = [.. _expressions],
        GroupPlugins = [.. _groupPlugins],
    };

    public HbsConfigView View() => new(Build(), TimeZoneInfo.Utc);
}
