using HybridGateway.Configuration.Entities;

namespace HybridGateway.Configuration.State;

/// <summary>
/// What deleting an entity takes with it, as Kong does: a consumer's credentials and plugins, a
/// route's plugins, an upstream's targets, a certificate's SNIs. References that do not cascade
/// (a service's routes) stay, and make the delete fail when it is applied.
/// </summary>
public static class Cascade
{
    public static IReadOnlyList<EntityChange> DeletionOf(ConfigState state, EntityKind kind, Guid id)
    {
        var result = new List<EntityChange>();
        var seen = new HashSet<EntityAddress>();
        var pending = new Stack<EntityAddress>();
        pending.Push(new EntityAddress(kind, id));
        while (pending.Count > 0)
        {
            var address = pending.Pop();
            if (!seen.Add(address))
            {
                continue;
            }
            result.Add(EntityChange.Delete(address.Kind, address.Id));
            foreach (var referrer in state.ReferrersOf(address.Kind, address.Id))
            {
                var entity = state.Find(referrer.Kind, referrer.Id);
                if (entity is not null && referrer.Kind.ForeignKeys.Any(fk => fk.Cascade && fk.Target == address.Kind && fk.Read(entity).Contains(address.Id)))
                {
                    pending.Push(referrer);
                }
            }
        }
        return result;
    }
}
