using HybridGateway.Configuration.Declarative;
using HybridGateway.Configuration.Input;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Validation;
using HybridGateway.Plugins;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>Registers the Admin API: the plugin catalog and validation, entity reads and writes, declarative import and export.</summary>
public static class AdminApiServices
{
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddSingleton<IPluginCatalog>(PluginCatalog.Default);
        services.AddSingleton(sp => EntityValidation.Create(sp.GetRequiredService<IPluginCatalog>()));
        services.AddSingleton<EntityReader>();
        services.AddSingleton<DeclarativeImporter>();
        services.AddSingleton<ConfigWriter>();
        services.AddSingleton<EntityReads>();
        services.AddSingleton<EntityWrites>();
        services.AddSingleton<ConfigAdmin>();
        services.AddSingleton<Metrics.ControlPlaneMetrics>();
        return services;
    }
}
