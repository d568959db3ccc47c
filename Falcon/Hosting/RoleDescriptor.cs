using Microsoft.Extensions.Hosting;

namespace Falcon.Hosting;

/// <summary>A role that `falcon run --role` can start: its name, one line for help, and its registration.</summary>
internal sealed record RoleDescriptor(string Name, string Summary, Action<IHostApplicationBuilder> Register)
{
    /// <summary>
    /// A role that runs on every host (the agent): a process running only such roles is set up as a small daemon
    /// (see <see cref="FalconHost"/>), while a process with any other role keeps the server settings.
    /// </summary>
    public bool Lightweight { get; init; }
}
