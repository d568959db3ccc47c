using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Falcon.Hosting;

/// <summary>The one entry point for telemetry: meters and sources `Falcon.*`, a Prometheus scrape, OTLP when asked for.</summary>
internal static class TelemetryExtensions
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IHostApplicationBuilder AddFalconTelemetry(this IHostApplicationBuilder builder, string instance)
    {
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("falcon", serviceVersion: FalconVersion.Current, serviceInstanceId: instance))
            .WithMetrics(m =>
            {
                // Every role's Meter is named Falcon.<Role>; System.Runtime is .NET's own GC, thread pool and memory meter.
                m.AddMeter("Falcon.*", "System.Runtime");
                m.AddPrometheusExporter();
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            })
            .WithTracing(t =>
            {
                t.AddSource("Falcon.*");
                if (otlp)
                {
                    t.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithLogging(l => l.AddOtlpExporter());
        }

        return builder;
    }
}
