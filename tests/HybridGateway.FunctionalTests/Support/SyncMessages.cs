using HybridGateway.Configuration.Declarative;
using HybridGateway.Configuration.Input;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Validation;
using HybridGateway.Contracts.Sync.V1;
using HybridGateway.Plugins;
using HybridGateway.Sync;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>Builds configs and the sync messages that carry them, for the scripted control plane.</summary>
public static class SyncMessages
{
    private static readonly DeclarativeImporter Importer = new(
        new EntityReader(PluginCatalog.Default, TimeProvider.System),
        EntityValidation.Create(PluginCatalog.Default));

    /// <summary>A config from a declarative document, at the given version.</summary>
    public static ConfigState Config(string yaml, long version, ConfigState? basis = null)
    {
        var plan = Importer.Plan(YamlJson.Parse(yaml), basis ?? ConfigState.Empty);
        if (!plan.Success)
        {
            throw new InvalidOperationException(string.Join("\n", plan.Errors.Describe()));
        }
        return plan.Result!.WithVersion(version);
    }

    public static ControlPlaneMessage Snapshot(ConfigState state, string nonce)
    {
        var snapshot = new Snapshot { Nonce = nonce, Version = (ulong)state.Version, Hash = state.Hash.ToString(), ChunkIndex = 0, ChunkCount = 1 };
        snapshot.Resources.AddRange(ResourceCodec.ToResources(state));
        return new ControlPlaneMessage { Snapshot = snapshot };
    }

    /// <summary>The delta from one state to another, claiming <paramref name="fromVersion"/> as its start.</summary>
    public static ControlPlaneMessage Delta(ConfigState from, ConfigState to, string nonce, long? fromVersion = null, string? toHash = null)
    {
        var delta = new Delta
        {
            Nonce = nonce,
            FromVersion = (ulong)(fromVersion ?? from.Version),
            ToVersion = (ulong)to.Version,
            ToHash = toHash ?? to.Hash.ToString(),
            ChunkIndex = 0,
            ChunkCount = 1,
        };
        foreach (var change in StateDiff.Between(from, to))
        {
            if (change.Entity is { } entity)
            {
                delta.Upserts.Add(ResourceCodec.ToResource(change.Kind, entity));
            }
            else
            {
                delta.Removals.Add(new ResourceKey { Kind = change.Kind.Name, Id = change.Id.ToString() });
            }
        }
        return new ControlPlaneMessage { Delta = delta };
    }

    public static ControlPlaneMessage Welcome(long latest) =>
        new() { Welcome = new Welcome { ControlPlaneId = "scripted", SoftwareVersion = SyncProtocol.SoftwareVersion, LatestVersion = (ulong)latest, HeartbeatIntervalMs = 1000 } };
}
