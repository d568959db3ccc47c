using Falcon.Hosting.Configuration;
using Falcon.Hosting.Http;
using Falcon.Hosting.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Falcon.Hosting.Limits;

/// <summary>
/// The limits every listener of the process applies: a connection cap (host.maxConnections, or the file-descriptor
/// budget shared out among the listeners), the deadline for a started frame or header, and the bytes of unfinished
/// JSON-RPC frames a listener may hold. See docs/connection-limits.md.
/// </summary>
internal sealed class ListenerLimits
{
    /// <summary>No listener gets fewer, even under a tiny descriptor limit: an operator can still reach /health.</summary>
    public const int MinimumConnections = 64;

    public ListenerLimits(IOptions<HostingOptions> options, IServiceProvider services)
        : this(options.Value, FileDescriptorLimit.Read(),
               services.GetServices<RoleRpcServer>().Count() + services.GetServices<RoleHttpServer>().Count())
    {
    }

    internal ListenerLimits(HostingOptions options, FileDescriptorLimit descriptors, int listeners)
    {
        Descriptors = descriptors;
        Listeners = Math.Max(1, listeners);
        Reserve = options.FdReserve;
        Derived = options.MaxConnections == 0;
        // Every accepted connection is one descriptor; what is left after the reserve is shared equally, since in a
        // distributed deployment each process has one or two listeners and under `--role all` nobody can know the mix.
        MaxConnections = Derived
            ? (int)Math.Clamp((descriptors.Soft - Reserve) / Listeners, MinimumConnections, int.MaxValue)
            : options.MaxConnections;
        FrameTimeout = options.FrameTimeout;
        MaxPendingFrameBytes = options.MaxPendingFrameBytes;
    }

    public FileDescriptorLimit Descriptors { get; }

    public int Listeners { get; }

    public int Reserve { get; }

    public bool Derived { get; }

    public int MaxConnections { get; }

    public TimeSpan FrameTimeout { get; }

    public long MaxPendingFrameBytes { get; }
}
