using HybridGateway.Configuration.Plugins;
using HybridGateway.Plugins.Acl;
using HybridGateway.Plugins.BasicAuth;
using HybridGateway.Plugins.CorrelationId;
using HybridGateway.Plugins.Cors;
using HybridGateway.Plugins.FileLog;
using HybridGateway.Plugins.HttpLog;
using HybridGateway.Plugins.IpRestriction;
using HybridGateway.Plugins.Jwt;
using HybridGateway.Plugins.KeyAuth;
using HybridGateway.Plugins.OpenTelemetry;
using HybridGateway.Plugins.Prometheus;
using HybridGateway.Plugins.RateLimiting;
using HybridGateway.Plugins.RequestSizeLimiting;
using HybridGateway.Plugins.RequestTermination;
using HybridGateway.Plugins.RequestTransformer;
using HybridGateway.Plugins.ResponseTransformer;

namespace HybridGateway.Plugins;

/// <summary>Every plugin this gateway ships, by Kong name.</summary>
public sealed class PluginCatalog : IPluginCatalog
{
    private readonly Dictionary<string, PluginDefinition> _byName;

    public PluginCatalog(IEnumerable<PluginDefinition> definitions)
    {
        _byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        All = _byName.Values.OrderByDescending(d => d.Priority).ToArray();
    }

    public static PluginCatalog Default { get; } = new(
    [
        new CorrelationIdDefinition(),
        new CorsDefinition(),
        new JwtDefinition(),
        new KeyAuthDefinition(),
        new BasicAuthDefinition(),
        new IpRestrictionDefinition(),
        new RequestSizeLimitingDefinition(),
        new AclDefinition(),
        new RateLimitingDefinition(),
        new RequestTransformerDefinition(),
        new ResponseTransformerDefinition(),
        new OpenTelemetryDefinition(),
        new PrometheusDefinition(),
        new HttpLogDefinition(),
        new FileLogDefinition(),
        new RequestTerminationDefinition(),
    ]);

    public IReadOnlyCollection<PluginDefinition> All { get; }

    public PluginDefinition? Find(string name) => _byName.GetValueOrDefault(name);
}
