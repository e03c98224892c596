using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>Finds the entity a URL names in a config state: by id, or by the collection's lookup field.</summary>
public static class StateLocator
{
    public static ConfigEntity? Find(ConfigState state, AdminCollection collection, string idOrName, Guid? parentId)
    {
        var kind = collection.Kind;
        var entity = Guid.TryParse(idOrName, out var id) ? state.Find(kind, id) : null;
        if (entity is null && collection.LookupField is { } field)
        {
            var value = kind == EntityKinds.KeyAuthCredentials ? KeyHash.Of(idOrName) : idOrName;
            entity = kind.Name switch
            {
                "targets" when parentId is { } upstream => state.FindUnique(kind, "{upstream={id=\"" + upstream + "\"},target=\"" + value + "\"}"),
                "acls" when parentId is { } consumer => state.FindUnique(kind, "{consumer={id=\"" + consumer + "\"},group=\"" + value + "\"}"),
                "targets" or "acls" => null,
                _ => kind.UniqueKeys.FirstOrDefault(k => k.Field == field) is { } key ? state.FindUnique(kind, key.Text(value)) : null,
            };
        }
        return entity is not null && BelongsTo(entity, collection, parentId) ? entity : null;
    }

    public static bool BelongsTo(ConfigEntity entity, AdminCollection collection, Guid? parentId)
    {
        if (collection.ParentField is null || parentId is null)
        {
            return true;
        }
        var key = collection.Kind.ForeignKeys.First(fk => fk.Field == collection.ParentField);
        return key.Read(entity).Contains(parentId.Value);
    }
}
