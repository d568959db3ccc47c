using Falcon.Shared.Configuration;
using Falcon.Shared.Portal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Falcon.Roles.Judge.Nodata;

/// <summary>Registers the judge's nodata: its options always (so `falcon config check` shows them), the rest when enabled.</summary>
internal static class NodataRegistration
{
    /// <summary>Whether `judge.nodata.enabled` is on (the default), read before the options exist.</summary>
    /// <remarks>A value that is not a boolean counts as on here; binding the options then stops the process naming the key.</remarks>
    public static bool Enabled(IConfiguration configuration) =>
        !bool.TryParse(configuration["judge:nodata:enabled"], out var enabled) || enabled;

    public static IHostApplicationBuilder AddJudgeNodata(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddFalconOptions<NodataOptions, NodataOptionsValidator>(NodataOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        if (!Enabled(builder.Configuration))
        {
            return builder;
        }

        services.AddFalconMySql();
        services.AddSingleton<NodataMetrics>();
        services.AddSingleton<MockConfigLoader>();
        services.AddSingleton<NodataFiller>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<NodataFiller>());
        return builder;
    }
}
