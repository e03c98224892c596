using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>A foreign key as Kong writes it: <c>{"id": "…"}</c>.</summary>
public sealed record EntityRef
{
    [Required]
    public Guid Id { get; init; }

    public static EntityRef To(Guid id) => new() { Id = id };
}
