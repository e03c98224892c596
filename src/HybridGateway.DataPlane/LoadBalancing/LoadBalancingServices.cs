using HybridGateway.DataPlane.Health;
using HybridGateway.DataPlane.Hosting;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>Registers balancing and health: the targets' run-time states, this node's locality, and the active prober.</summary>
public static class LoadBalancingServices
{
    public static IServiceCollection AddLoadBalancing(this IServiceCollection services)
    {
        services.AddSingleton<TargetStates>();
        services.AddSingleton(sp => NodeLocality.From(sp.GetRequiredService<IOptions<DataPlaneOptions>>().Value));
        services.AddSingleton<HealthEvents>();
        services.AddSingleton<HealthReporter>();
        services.AddSingleton<ActiveHealthChecker>();
        services.AddHostedService(sp => sp.GetRequiredService<ActiveHealthChecker>());
        return services;
    }
}
