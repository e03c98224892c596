using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;

namespace HybridGateway.Configuration.Declarative;

/// <summary>One entity as written in a declarative file, with where it was written and what it is nested in.</summary>
public sealed class DeclaredEntity(EntityKind kind, IReadOnlyList<string> path, JsonObject body, DeclaredEntity? parent, string? parentField)
{
    public EntityKind Kind { get; } = kind;

    /// <summary>Where the entity sits in the file, as segments: services, 3, routes, 0.</summary>
    public IReadOnlyList<string> Path { get; } = path;

    public JsonObject Body { get; } = body;

    public DeclaredEntity? Parent { get; } = parent;

    /// <summary>The foreign key the nesting sets (a route nested in a service sets <c>service</c>).</summary>
    public string? ParentField { get; } = parentField;

    public Guid? AssignedId { get; set; }

    public string DisplayPath => string.Concat(Path.Select((s, i) => int.TryParse(s, out _) ? "[" + s + "]" : (i == 0 ? s : "." + s)));
}
