namespace Falcon.Roles.Hbs.Config;

internal sealed partial class HbsConfigView
{
    /// <summary>The host rows of group <paramref name="groupId"/> (with their maintenance windows), ordered by hostname; null when no group has that id.</summary>
    public IReadOnlyList<PortalHost>? GetHostRowsOfGroup(long groupId)
    {
        if (!Snapshot.Groups.Any(g => g.Id == groupId))
        {
            return null;
        }

        if (!_hostIdsOfGroup.TryGetValue(groupId, out var hostIds))
        {
            return [];
        }

        return [.. hostIds.Distinct()
            .Where(_hostIndexById.ContainsKey)
            .Select(id => _hosts[_hostIndexById[id]])
            .OrderBy(static h => h.Hostname, Comparer<string>.Create(Falcon.Shared.Model.TagSet.CompareKeys))];
    }
}
