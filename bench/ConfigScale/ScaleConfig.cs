using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.Sync;
using Snapshot = HybridGateway.Contracts.Sync.V1.Snapshot;

namespace HybridGateway.Bench.ConfigScale;

/// <summary>A large config as a control plane would send it: services with one route each, consumers with a key each.</summary>
internal static class ScaleConfig
{
    public static List<ConfigEntity> Entities(int services, int consumers)
    {
        var entities = new List<ConfigEntity>(2 * services + 2 * consumers);
        for (var i = 0; i < services; i++)
        {
            var service = new Service { Id = Guid.NewGuid(), Name = "svc-" + i, Host = "127.0.0.1", Port = 9000, CreatedAt = 1, UpdatedAt = 1 };
            entities.Add(service);
            entities.Add(new Route { Id = Guid.NewGuid(), Name = "route-" + i, Paths = ["/route-" + i], Service = EntityRef.To(service.Id), CreatedAt = 1, UpdatedAt = 1 });
        }
        for (var i = 0; i < consumers; i++)
        {
            var consumer = new Consumer { Id = Guid.NewGuid(), Username = "user-" + i, CreatedAt = 1, UpdatedAt = 1 };
            entities.Add(consumer);
            entities.Add(new KeyAuthCredential { Id = Guid.NewGuid(), Consumer = EntityRef.To(consumer.Id), KeyHash = KeyHash.Of("key-" + i), CreatedAt = 1, UpdatedAt = 1 });
        }
        return entities;
    }

    /// <summary>The snapshot message for those entities at a version (the hash computed as the control plane would).</summary>
    public static Snapshot Snapshot(IReadOnlyList<ConfigEntity> entities, long version)
    {
        var state = ConfigState.Empty.Apply(entities.Select(EntityChange.Upsert).ToArray(), version, HybridGateway.Configuration.Validation.EntityValidation.Trusted).State!;
        var snapshot = new Snapshot { Nonce = "scale", Version = (ulong)version, Hash = state.Hash.ToString(), ChunkCount = 1 };
        snapshot.Resources.AddRange(ResourceCodec.ToResources(state));
        return snapshot;
    }
}
