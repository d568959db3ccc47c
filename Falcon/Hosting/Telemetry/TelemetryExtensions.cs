using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Falcon.Hosting.Telemetry;

/// <summary>The one entry point for telemetry: meters and sources `Falcon.*`, a Prometheus scrape, OTLP when asked for.</summary>
internal static class TelemetryExtensions
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Series per instrument in a process of lightweight roles only (the agent, whose instruments carry at most a
    /// collector or a transfer address as tag). OpenTelemetry allocates each stream's points up front, about 200 KB
    /// per instrument at its default of 2000, on the large-object heap (BENCHMARKS.md "agent").
    /// </summary>
    public const int SmallCardinalityLimit = 100;

    /// <summary>Adds the meters, the Prometheus scrape and OTLP; <paramref name="cardinalityLimit"/> null keeps OpenTelemetry's default.</summary>
    public static IHostApplicationBuilder AddFalconTelemetry(this IHostApplicationBuilder builder, string instance, int? cardinalityLimit = null)
    {
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("falcon", serviceVersion: FalconVersion.Current, serviceInstanceId: instance))
            .WithMetrics(m =>
            {
                // Every role's Meter is named Falcon.<Role>; System.Runtime is .NET's own GC, thread pool and memory meter.
                m.AddMeter("Falcon.*", "System.Runtime");
                if (cardinalityLimit is { } limit)
                {
                    m.AddView(_ => new MetricStreamConfiguration { CardinalityLimit = limit });
                }

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
