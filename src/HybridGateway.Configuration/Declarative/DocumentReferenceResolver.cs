using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Input;

namespace HybridGateway.Configuration.Declarative;

/// <summary>Resolves names against the entities of the document being imported, not the stored config.</summary>
internal sealed class DocumentReferenceResolver : IReferenceResolver
{
    private readonly Dictionary<(EntityKind, string), Guid> _names = [];

    public void Register(EntityKind kind, ConfigEntity entity)
    {
        if (entity is Consumer consumer)
        {
            // decK names consumers by username, or by custom_id when they have no username.
            if (consumer.CustomId is { } customId)
            {
                _names.TryAdd((kind, customId), entity.Id);
            }
            if (consumer.Username is { } username)
            {
                _names[(kind, username)] = entity.Id;
            }
            return;
        }
        if (kind.Label(entity) is { } name && kind.NameKey is not null)
        {
            _names.TryAdd((kind, name), entity.Id);
        }
    }

    public Guid? ResolveName(EntityKind kind, string name) =>
        _names.TryGetValue((kind, name), out var id) ? id : null;
}
