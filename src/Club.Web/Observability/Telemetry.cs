using System.Security.Cryptography;
using System.Text;
using Club.Application.Observability;
using Club.Infrastructure.Observability;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Club.Web.Observability;

/// <summary>
/// OpenTelemetry for the site: metrics (ASP.NET Core, Kestrel, Npgsql, .NET runtime and the "Club"
/// meter) and traces (requests, SQL, use cases, jobs). Nothing is registered unless a Prometheus
/// endpoint or an OTLP collector is configured, so a site without monitoring pays nothing.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddClubTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = ObservabilitySettings.From(configuration);
        if (!settings.MetricsOn && !settings.OtlpOn)
        {
            return services;
        }

        services.AddHostedService<OutboxQueueSampler>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName, serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId));
        telemetry.WithMetrics(metrics =>
        {
            metrics
                .AddMeter(ClubMetrics.Name)
                // Built into ASP.NET Core, Npgsql and .NET: request durations, open connections, GC and thread pool.
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                .AddNpgsqlInstrumentation();
            if (settings.MetricsOn)
            {
                metrics.AddPrometheusExporter();
            }

            if (settings.OtlpOn)
            {
                metrics.AddOtlpExporter(settings.Otlp("metrics"));
            }
        });

        // Traces go to a collector only: without one they would be made and thrown away on every request.
        if (settings.OtlpOn)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ClubMetrics.Name)
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !ObservabilitySettings.IsProbe(http.Request.Path))
                .AddNpgsql()
                .AddOtlpExporter(settings.Otlp("traces")));
        }

        return services;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, when switched on. It is not public: a scrape must carry
    /// "Authorization: Bearer &lt;Club:Observability:Prometheus:Token&gt;"; anything else gets a 404, as if
    /// there were no endpoint.
    /// </summary>
    public static void MapClubMetrics(this WebApplication app)
    {
        var settings = ObservabilitySettings.From(app.Configuration);
        if (!settings.MetricsOn)
        {
            return;
        }

        var expected = Encoding.UTF8.GetBytes("Bearer " + settings.PrometheusToken);
        app.MapPrometheusScrapingEndpoint(settings.PrometheusPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
        {
            var given = Encoding.UTF8.GetBytes(http.Request.Headers.Authorization.ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(http);
        }), optionsName: null);
    }
}
