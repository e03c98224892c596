using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Pipeline.Acl;
using HybridGateway.DataPlane.Pipeline.BasicAuth;
using HybridGateway.DataPlane.Pipeline.CorrelationId;
using HybridGateway.DataPlane.Pipeline.Cors;
using HybridGateway.DataPlane.Pipeline.IpRestriction;
using HybridGateway.DataPlane.Metrics;
using HybridGateway.DataPlane.Pipeline.FileLog;
using HybridGateway.DataPlane.Pipeline.HttpLog;
using HybridGateway.DataPlane.Pipeline.KeyAuth;
using HybridGateway.DataPlane.Pipeline.Logging;
using HybridGateway.DataPlane.Pipeline.OpenTelemetry;
using HybridGateway.DataPlane.Pipeline.Prometheus;
using HybridGateway.DataPlane.Pipeline.RateLimiting;
using HybridGateway.DataPlane.RateLimiting;
using HybridGateway.DataPlane.Pipeline.RequestSizeLimiting;
using HybridGateway.DataPlane.Pipeline.RequestTermination;
using HybridGateway.DataPlane.Pipeline.Transformers;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>
/// The plugins this data plane can run. A config that enables any other plugin is refused (NACK)
/// rather than served without it: a route configured with an auth plugin must never be open.
/// </summary>
public sealed class PluginRuntimes
{
    private readonly Dictionary<string, IPluginRuntime> _byName;

    public PluginRuntimes(IEnumerable<IPluginRuntime> runtimes)
    {
        _byName = runtimes.ToDictionary(r => r.Definition.Name, StringComparer.Ordinal);
    }

    /// <summary>
    /// The plugins this build runs, with rate-limiting counting locally only (no lease source: a
    /// cluster policy falls back). The node itself uses <see cref="With"/> and its lease stream.
    /// </summary>
    public static PluginRuntimes Default { get; } = With(new RateLimitingRuntime(null, new RateLimitStats(), TimeProvider.System), new KongMetrics());

    /// <summary>The log plugins' runtimes (file-log, http-log, opentelemetry) of this set.</summary>
    public IEnumerable<IQueuedLogRuntime> LogRuntimes => _byName.Values.OfType<IQueuedLogRuntime>();

    /// <summary>Plugins that identify the consumer, or decide by groups, cannot be scoped to a consumer (as Kong's no_consumer).</summary>
    private static readonly HashSet<string> NoConsumerScope = new(StringComparer.Ordinal) { "key-auth", "basic-auth", "acl", "cors", "prometheus" };

    /// <summary>The plugins this build runs, with the given rate-limiting runtime, metrics and log sinks.</summary>
    public static PluginRuntimes With(RateLimitingRuntime rateLimiting, KongMetrics metrics, LogPluginServices? logs = null)
    {
        logs ??= LogPluginServices.Default;
        return new(
    [
        new CorrelationIdRuntime(),
        new CorsRuntime(),
        new KeyAuthRuntime(),
        new BasicAuthRuntime(VerifiedPasswords.Shared),
        new IpRestrictionRuntime(),
        new RequestSizeLimitingRuntime(),
        new AclRuntime(),
        rateLimiting,
        new PrometheusRuntime(metrics),
        new RequestTerminationRuntime(),
        new RequestTransformerRuntime(),
        new ResponseTransformerRuntime(),
        new OpenTelemetryRuntime(logs.DefaultSamplingRate, logs.NodeId, logs.Clock, logs.Loggers),
        new HttpLogRuntime(logs.Clock, logs.Loggers),
        new FileLogRuntime(logs.Files, logs.Clock, logs.Loggers),
    ]);
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public IPluginRuntime? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The enabled plugins among <paramref name="plugins"/> this node cannot run.</summary>
    public IReadOnlyList<Plugin> Unsupported(IEnumerable<ConfigEntity> plugins) =>
        plugins.OfType<Plugin>().Where(p => p.Enabled && !_byName.ContainsKey(p.Name)).ToArray();

    /// <summary>Why an enabled plugin this node has cannot run as configured, or null when it can.</summary>
    public string? UnsupportedOption(ConfigEntity entity)
    {
        if (entity is not Plugin { Enabled: true } plugin || !_byName.TryGetValue(plugin.Name, out var runtime))
        {
            return null;
        }
        return plugin.Consumer is not null && NoConsumerScope.Contains(plugin.Name)
            ? "'" + plugin.Name + "' cannot be scoped to a consumer (on consumer " + plugin.Consumer.Id + ")"
            : runtime.Unsupported(plugin);
    }
}
