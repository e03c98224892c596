using HybridGateway.Configuration.Validation;
using HybridGateway.DataPlane.AccessLog;
using HybridGateway.DataPlane.Hosting;
using HybridGateway.DataPlane.LoadBalancing;
using HybridGateway.DataPlane.Metrics;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.RateLimiting;
using HybridGateway.DataPlane.Runtime;
using HybridGateway.DataPlane.Tls;
using HybridGateway.Plugins;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.Proxy;

/// <summary>Registers the proxy: the compiled runtime config and plugin chains, the forwarder and its clients, the access log and metrics.</summary>
public static class ProxyServices
{
    public static IServiceCollection AddProxy(this IServiceCollection services)
    {
        services.AddSingleton(_ => EntityValidation.Create(PluginCatalog.Default));
        services.AddSingleton<KongMetrics>();
        services.AddSingleton<TargetHealthMetric>();
        services.AddRateLimiting();
        services.AddSingleton<PluginChainCompiler>();
        services.AddLoadBalancing();
        services.AddSingleton<RuntimeCompiler>();
        services.AddSingleton<RuntimeHolder>();
        services.AddSingleton<UpstreamClients>();
        services.AddHttpForwarder();
        services.AddSingleton<ForwardingTransformer>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DataPlaneOptions>>().Value;
            return new TrustedProxies(options.TrustedProxies, options.RealIpHeader);
        });
        services.AddSingleton<AccessLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessLogWriter>());
        services.AddSingleton<UpstreamForwarder>();
        services.AddSingleton<ProxyMiddleware>();
        services.AddSingleton<ProxyTlsHandshake>();
        return services;
    }
}
