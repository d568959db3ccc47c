using Falcon.Roles.Hbs.Cache;
using Falcon.Roles.Hbs.Config;

namespace Falcon.Roles.Hbs;

/// <summary>What the snapshot cache refreshes: the falcon_portal tables hbs serves, read from MySQL and serialised.</summary>
internal sealed class PortalSnapshotSource(PortalSnapshotLoader loader) : ISnapshotSource
{
    public async Task<byte[]> LoadAsync(CancellationToken cancellationToken) =>
        PortalSnapshotSerializer.Serialize(await loader.LoadAsync(cancellationToken));
}
