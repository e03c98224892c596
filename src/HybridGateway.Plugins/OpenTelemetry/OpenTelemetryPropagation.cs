using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.OpenTelemetry;

/// <summary>Which trace headers are read from the request, cleared, and written upstream (Kong's propagation record).</summary>
public sealed record OpenTelemetryPropagation
{
    public static readonly string[] Extractors = ["w3c", "b3", "jaeger", "ot", "datadog", "aws", "gcp"];
    public static readonly string[] Injectors = ["preserve", "w3c", "b3", "b3-single", "jaeger", "ot", "datadog", "aws", "gcp"];

    public IReadOnlyList<string>? Extract { get; init; }

    public IReadOnlyList<string>? Clear { get; init; }

    public IReadOnlyList<string>? Inject { get; init; }

    [OneOf("w3c", "b3", "b3-single", "jaeger", "ot", "datadog", "aws", "gcp")]
    public string DefaultFormat { get; init; } = "w3c";
}
