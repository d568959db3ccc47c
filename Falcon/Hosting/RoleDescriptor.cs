using Microsoft.Extensions.Hosting;

namespace Falcon.Hosting;

/// <summary>A role that `falcon run --role` can start: its name, one line for help, and its registration.</summary>
internal sealed record RoleDescriptor(string Name, string Summary, Action<IHostApplicationBuilder> Register);
