using System.Text.Json;

namespace HybridGateway.ControlPlane.Store;

/// <summary>One entity change inside a config event: the entity after the change, or none when deleted.</summary>
public sealed record StoredChange
{
    public required string Kind { get; init; }

    public required Guid Id { get; init; }

    /// <summary>create, update or delete.</summary>
    public required string Op { get; init; }

    /// <summary>The entity's name (or username, target…) for history listings, when it has one.</summary>
    public string? Label { get; init; }

    public JsonElement? Entity { get; init; }
}
