using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Transfer.Queue;

/// <summary>Opens the role's queue when the host resolves it, before any listener accepts a push.</summary>
internal static class DiskQueueFactory
{
    public static DiskQueue Open(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TransferOptions>>().Value;
        return DiskQueue.Open(options.Queue, options.QueueCapacity, services.GetRequiredService<ILogger<DiskQueue>>());
    }
}
