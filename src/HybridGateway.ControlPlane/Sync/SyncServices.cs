namespace HybridGateway.ControlPlane.Sync;

/// <summary>Registers the cluster side of sync: the gRPC service's payloads, the node registry, snapshot admission and the replica listener.</summary>
public static class SyncServices
{
    public static IServiceCollection AddClusterSync(this IServiceCollection services)
    {
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = 16 * 1024 * 1024;
            grpc.EnableDetailedErrors = false;
        });
        services.AddSingleton<ConfigPayloads>();
        services.AddSingleton<ConfigViews>();
        services.AddSingleton<NodeConfigPlanner>();
        services.AddSingleton<Rollout.VersionHolds>();
        services.AddSingleton<Rollout.HeldVersions>();
        services.AddHostedService<Rollout.RolloutAdvancer>();
        services.AddSingleton<NodeRegistry>();
        services.AddSingleton<ConnectedNodes>();
        services.AddSingleton<SnapshotGate>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeRegistry>());
        services.AddHostedService<ReplicaListener>();
        return services;
    }
}
