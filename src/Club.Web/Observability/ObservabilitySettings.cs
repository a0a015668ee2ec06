using OpenTelemetry.Exporter;

namespace Club.Web.Observability;

/// <summary>The "Club:Observability" settings (docs/operations.md, "Observability").</summary>
public sealed class ObservabilitySettings
{
    public const string Section = "Club:Observability";

    /// <summary>Shortest scrape token accepted: a guessable one would make the endpoint public in effect.</summary>
    public const int MinTokenLength = 24;

    public string ServiceName { get; init; } = "club";

    public bool PrometheusEnabled { get; init; }

    public string PrometheusPath { get; init; } = "/metrics";

    public string PrometheusToken { get; init; } = "";

    /// <summary>The collector's address (http://collector:4317 for gRPC, :4318 for HTTP); empty: no OTLP export.</summary>
    public string OtlpEndpoint { get; init; } = "";

    /// <summary>"grpc" (default) or "http/protobuf".</summary>
    public string OtlpProtocol { get; init; } = "grpc";

    public bool MetricsOn => PrometheusEnabled;

    public bool OtlpOn => OtlpEndpoint.Length > 0;

    public static ObservabilitySettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new ObservabilitySettings
        {
            ServiceName = section["ServiceName"] is { Length: > 0 } name ? name : "club",
            PrometheusEnabled = section.GetValue<bool>("Prometheus:Enabled"),
            PrometheusPath = section["Prometheus:Path"] is { Length: > 0 } path ? path : "/metrics",
            PrometheusToken = section["Prometheus:Token"] ?? "",
            OtlpEndpoint = section["Otlp:Endpoint"]?.Trim() ?? "",
            OtlpProtocol = section["Otlp:Protocol"] is { Length: > 0 } protocol ? protocol : "grpc",
        };
    }

    /// <summary>A reason the settings cannot be used, for the start-up check, or null.</summary>
    public string? Problem()
    {
        if (PrometheusEnabled && PrometheusToken.Length < MinTokenLength)
        {
            return $"{Section}:Prometheus:Enabled is true, but {Section}:Prometheus:Token is shorter than {MinTokenLength} characters. " +
                "The metrics endpoint is served only to a scraper that sends this token (Authorization: Bearer ...); " +
                "set a long random one, e.g. from: openssl rand -hex 32";
        }

        if (OtlpOn && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            return $"{Section}:Otlp:Endpoint '{OtlpEndpoint}' is not an absolute address (e.g. http://collector:4317).";
        }

        if (OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            return $"{Section}:Otlp:Protocol must be 'grpc' or 'http/protobuf', not '{OtlpProtocol}'.";
        }

        return null;
    }

    /// <summary>
    /// The exporter's options for one signal ("traces", "metrics"). Over HTTP the exporter takes an address
    /// given in code as it is, so the signal's path is added here; gRPC needs none.
    /// </summary>
    public Action<OtlpExporterOptions> Otlp(string signal) => options =>
    {
        var http = OtlpProtocol == "http/protobuf";
        options.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        options.Endpoint = http ? new Uri(OtlpEndpoint.TrimEnd('/') + "/v1/" + signal) : new Uri(OtlpEndpoint);
    };

    /// <summary>Health probes and scrapes: polled every few seconds, not worth a trace each.</summary>
    public static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
