namespace Falcon.Roles.Aggregator.Targets;

/// <summary>The members of host groups, as hbs serves them; the seam between targets and the HTTP client.</summary>
internal interface IHostLists
{
    /// <summary>The hosts of the group named <paramref name="name"/>.</summary>
    /// <exception cref="HostListUnavailableException">hbs could not answer and no earlier answer is kept.</exception>
    Task<HostList> ByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>The hosts of group <paramref name="groupId"/>, each with its maintenance window.</summary>
    /// <exception cref="HostListUnavailableException">hbs could not answer and no earlier answer is kept.</exception>
    Task<HostList> ByIdAsync(long groupId, CancellationToken cancellationToken);
}
