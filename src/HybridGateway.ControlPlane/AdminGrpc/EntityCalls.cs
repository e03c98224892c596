using System.Globalization;
using HybridGateway.Contracts.Admin.V1;
using HybridGateway.ControlPlane.AdminApi;

namespace HybridGateway.ControlPlane.AdminGrpc;

/// <summary>Which REST collection and path a gRPC entity call names, from its kind and parent.</summary>
public static class EntityCalls
{
    public static (AdminCollection Collection, string Path) Resolve(string kind, Parent? parent, string? key = null)
    {
        var nested = parent is { Kind.Length: > 0 };
        var collection = AdminCollections.All.FirstOrDefault(c => c.Path == kind && (nested ? c.Parent?.Path == parent!.Kind : c.Parent is null));
        if (collection is null)
        {
            var known = AdminCollections.All.Where(c => nested ? c.Parent?.Path == parent!.Kind : c.Parent is null).Select(c => c.Path).Distinct();
            throw Messages.Invalid(nested ? "parent.kind" : "kind", nested && !AdminCollections.All.Any(c => c.Parent?.Path == parent!.Kind)
                ? "'" + parent!.Kind + "' has no nested collections"
                : "unknown kind '" + kind + "'" + (nested ? " under " + parent!.Kind : "") + "; expected one of: " + string.Join(", ", known));
        }
        if (nested && parent!.Key.Length == 0)
        {
            throw Messages.Invalid("parent.key", "required: the parent's id or name");
        }
        var path = "/" + (nested ? parent!.Kind + "/" + Uri.EscapeDataString(parent.Key) + "/" : "") + kind;
        if (key is not null)
        {
            if (key.Length == 0)
            {
                throw Messages.Invalid("key", "required: the entity's id or name");
            }
            path += "/" + Uri.EscapeDataString(key);
        }
        return (collection, path);
    }

    public static Dictionary<string, string?> ListQuery(ListEntitiesRequest request)
    {
        var query = new Dictionary<string, string?>
        {
            ["size"] = request.Size > 0 ? request.Size.ToString(CultureInfo.InvariantCulture) : null,
            ["offset"] = request.Offset.Length > 0 ? request.Offset : null,
            ["tags"] = request.Tags.Count > 0 ? string.Join(request.AnyTag ? "/" : ",", request.Tags) : null,
        };
        foreach (var (field, value) in request.Filters)
        {
            if (field is "size" or "offset" or "tags")
            {
                throw Messages.Invalid("filters", "'" + field + "' is not a filter; use the request's own field");
            }
            query[field] = value;
        }
        return query;
    }
}
