using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.RateLimiting;

namespace HybridGateway.DataPlane.RateLimiting;

/// <summary>Registers rate limiting: the lease stream to the control plane, the runtime that uses it, and the sweeper.</summary>
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
        services.AddSingleton(sp => PluginRuntimes.With(sp.GetRequiredService<RateLimitingRuntime>(), sp.GetRequiredService<Metrics.KongMetrics>()));
        services.AddHostedService<RateLimitSweeper>();
        return services;
    }
}
