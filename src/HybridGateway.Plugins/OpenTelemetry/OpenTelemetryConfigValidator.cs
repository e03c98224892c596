using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;
using HybridGateway.Plugins.Logging;

namespace HybridGateway.Plugins.OpenTelemetry;

/// <summary>As Kong's: at least one endpoint, http(s) URLs, header names, non-empty resource attributes, known propagation formats.</summary>
public sealed class OpenTelemetryConfigValidator : IPluginConfigValidator<OpenTelemetryConfig>
{
    public void Validate(OpenTelemetryConfig config, FieldErrors errors)
    {
        if (config.TracesEndpoint is null && config.LogsEndpoint is null && config.Endpoint is null)
        {
            errors.Add("@entity", "at least one of these fields must be non-empty: 'config.traces_endpoint', 'config.logs_endpoint'");
        }
        LogConfigChecks.Endpoint("traces_endpoint", config.TracesEndpoint, errors);
        LogConfigChecks.Endpoint("logs_endpoint", config.LogsEndpoint, errors);
        LogConfigChecks.Endpoint("endpoint", config.Endpoint, errors);
        LogConfigChecks.Headers(config.Headers, errors);
        foreach (var (key, value) in config.ResourceAttributes ?? new Dictionary<string, string>())
        {
            if (key.Length == 0 || value.Length == 0)
            {
                errors.Add("resource_attributes", "keys and values must not be empty");
            }
        }
        if (config.HttpResponseHeaderForTraceid is { } header && !HeaderNames.IsValid(header))
        {
            errors.Add("http_response_header_for_traceid", HeaderNames.Invalid(header));
        }
        var propagation = new FieldErrors();
        Formats(config.Propagation.Extract, OpenTelemetryPropagation.Extractors, "extract", propagation);
        Formats(config.Propagation.Inject, OpenTelemetryPropagation.Injectors, "inject", propagation);
        foreach (var name in config.Propagation.Clear ?? [])
        {
            if (!HeaderNames.IsValid(name))
            {
                propagation.Add("clear", HeaderNames.Invalid(name));
            }
        }
        if (!propagation.IsEmpty)
        {
            errors.Child("propagation").Merge(propagation);
        }
        if (config.BatchSpanCount is < 1 or > 1_000_000)
        {
            errors.Add("batch_span_count", "value should be between 1 and 1000000");
        }
        if (config.BatchFlushDelay is < 0 or > 3600)
        {
            errors.Add("batch_flush_delay", "value should be between 0 and 3600");
        }
    }

    private static void Formats(IReadOnlyList<string>? formats, string[] allowed, string field, FieldErrors errors)
    {
        foreach (var format in formats ?? [])
        {
            if (Array.IndexOf(allowed, format) < 0)
            {
                errors.Add(field, "expected one of: " + string.Join(", ", allowed));
            }
        }
    }
}
