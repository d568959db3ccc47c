using Falcon.Shared.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Falcon.Roles.Judge.Heartbeat;

/// <summary>Registers the judge's side of the pipeline heartbeat.</summary>
internal static class HeartbeatRegistration
{
    public static IHostApplicationBuilder AddJudgeHeartbeat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddFalconOptions<HeartbeatOptions, HeartbeatOptionsValidator>(HeartbeatOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        builder.Services.AddSingleton<HeartbeatSender>();
        builder.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<HeartbeatSender>());
        return builder;
    }
}
