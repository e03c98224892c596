using System.Reflection;
using HybridGateway.Configuration.Entities;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace HybridGateway.ControlPlane.Store;

/// <summary>
/// Keeps one Marten document per current entity, in the same transaction as the event (inline),
/// so the current config can be queried with LINQ while the event log stays the source of truth.
/// </summary>
public sealed class ConfigEntityProjection : EventProjection
{
    private static readonly Dictionary<string, (Action<IDocumentOperations, ConfigEntity> Store, Action<IDocumentOperations, Guid> Delete)> Writers =
        EntityKinds.All.ToDictionary(k => k.Name, k => (
            Generic<Action<IDocumentOperations, ConfigEntity>>(nameof(StoreTyped), k.ClrType),
            Generic<Action<IDocumentOperations, Guid>>(nameof(DeleteTyped), k.ClrType)));

    public ConfigEntityProjection()
    {
        IncludeType<ConfigChanged>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is ConfigChanged changed)
        {
            foreach (var stored in changed.Changes)
            {
                var change = StoredChanges.ToChange(stored);
                var writer = Writers[change.Kind.Name];
                if (change.Entity is { } entity)
                {
                    writer.Store(operations, entity);
                }
                else
                {
                    writer.Delete(operations, change.Id);
                }
            }
        }
        return ValueTask.CompletedTask;
    }

    private static void StoreTyped<T>(IDocumentOperations operations, ConfigEntity entity)
        where T : ConfigEntity => operations.Store((T)entity);

    private static void DeleteTyped<T>(IDocumentOperations operations, Guid id)
        where T : ConfigEntity => operations.Delete<T>(id);

    private static TDelegate Generic<TDelegate>(string name, Type type)
        where TDelegate : Delegate =>
        typeof(ConfigEntityProjection).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type)
            .CreateDelegate<TDelegate>();
}
