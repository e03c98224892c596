using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.Logging;
using HybridGateway.DataPlane.Pipeline.RateLimiting;

namespace HybridGateway.DataPlane.RateLimiting;

/// <summary>Registers rate limiting (the lease stream to the control plane, the runtime that uses it, and the sweeper) and the plugin runtimes built with it.</summary>
public static class RateLimitingServices
{
    public static IServiceCollection AddRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<RateLimitStats>();
        services.AddSingleton<LeaseClient>();
        services.AddSingleton<ILeaseSource>(sp => sp.GetRequiredService<LeaseClient>());
        services.AddHostedService(sp => sp.GetRequiredService<LeaseClient>());
        services.AddSingleton(sp => new RateLimitingRuntime(
            sp.GetRequiredService<ILeaseSource>(), sp.GetRequiredService<RateLimitStats>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<LogFiles>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.DataPlaneOptions>>().Value;
            var logs = new LogPluginServices(sp.GetRequiredService<LogFiles>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(),
                options.TracingSamplingRate, options.NodeId);
            return PluginRuntimes.With(sp.GetRequiredService<RateLimitingRuntime>(), sp.GetRequiredService<Metrics.KongMetrics>(), logs);
        });
        services.AddHostedService<LogPluginSweeper>();
        services.AddHostedService<RateLimitSweeper>();
        return services;
    }
}
