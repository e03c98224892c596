using HybridGateway.DataPlane.Hosting;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.Cache;

/// <summary>Registers the last good config on disk: loaded at start, written after each applied version.</summary>
public static class CacheServices
{
    public static IServiceCollection AddLastGoodConfigCache(this IServiceCollection services)
    {
        services.AddSingleton(sp => new LastGoodConfigCache(sp.GetRequiredService<IOptions<DataPlaneOptions>>().Value.CacheDirectory));
        services.AddSingleton<CacheLoader>();
        services.AddSingleton<CacheWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheWriter>());
        return services;
    }
}
