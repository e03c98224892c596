using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;

namespace HybridGateway.Configuration.Input;

/// <summary>Resolves names against a stored config through the kind's unique name key.</summary>
public sealed class StateReferenceResolver(ConfigState state) : IReferenceResolver
{
    public Guid? ResolveName(EntityKind kind, string name) => FindByName(state, kind, name)?.Id;

    public static ConfigEntity? FindByName(ConfigState state, EntityKind kind, string name) =>
        kind.NameKey is { } key ? state.FindUnique(kind, key.Text(name)) : null;

    /// <summary>An entity by id, or else by name: how Kong reads <c>/services/{id or name}</c>.</summary>
    public static ConfigEntity? FindByIdOrName(ConfigState state, EntityKind kind, string idOrName) =>
        Guid.TryParse(idOrName, out var id) ? state.Find(kind, id) ?? FindByName(state, kind, idOrName) : FindByName(state, kind, idOrName);
}
