using HybridGateway.Configuration.Entities;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>
/// One Admin API collection: its path, entity kind, and, when nested, the parent collection and
/// the foreign key the nesting sets (<c>/consumers/{c}/key-auth</c> sets <c>consumer</c>).
/// </summary>
public sealed record AdminCollection(string Path, EntityKind Kind, AdminCollection? Parent = null, string? ParentField = null)
{
    /// <summary>The field besides id by which an item is named in a URL, if any.</summary>
    public string? LookupField => AdminCollections.LookupField(Kind);

    public string Template => Parent is null ? "/" + Path : "/" + Parent.Path + "/{parent}/" + Path;
}
