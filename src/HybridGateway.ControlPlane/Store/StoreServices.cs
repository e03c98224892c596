using HybridGateway.ControlPlane.Hosting;
using Marten;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.Store;

/// <summary>Registers the event-sourced config store on PostgreSQL (Marten) and the admin tokens kept beside it.</summary>
public static class StoreServices
{
    public static IServiceCollection AddConfigStore(this IServiceCollection services)
    {
        services.AddMarten(sp =>
        {
            var options = new StoreOptions();
            MartenSetup.Configure(options, sp.GetRequiredService<IOptions<ControlPlaneOptions>>().Value.ConnectionString);
            return options;
        }).UseLightweightSessions();
        services.AddSingleton<ConfigStore>();
        services.AddSingleton<DatabaseHealth>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseHealth>());
        services.AddSingleton<AdminAuth.AdminTokenStore>();
        return services;
    }
}
