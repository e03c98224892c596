namespace HybridGateway.DataPlane.Sync;

/// <summary>Registers the node's side of the sync stream: its identity, the channel to the control plane, the client and the applier.</summary>
public static class SyncServices
{
    public static IServiceCollection AddSyncClient(this IServiceCollection services)
    {
        services.AddSingleton<ConfigApplier>();
        services.AddSingleton<SyncStatus>();
        services.AddSingleton<NodeIdentityProvider>();
        services.AddSingleton<ControlPlaneChannel>();
        services.AddHostedService<SyncClient>();
        return services;
    }
}
