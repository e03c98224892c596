using System.Text.Json.Serialization;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>The fields every Kong entity has: id, timestamps (Unix seconds) and tags.</summary>
public abstract record ConfigEntity
{
    [JsonPropertyOrder(-10)]
    public Guid Id { get; init; }

    [ServerManaged]
    [JsonPropertyOrder(-9)]
    public long CreatedAt { get; init; }

    [ServerManaged]
    [JsonPropertyOrder(-8)]
    public long UpdatedAt { get; init; }

    [JsonPropertyOrder(100)]
    public IReadOnlyList<string>? Tags { get; init; }
}
