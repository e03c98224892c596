namespace HybridGateway.ControlPlane.AdminAuth;

/// <summary>An Admin API token, stored as its SHA-256 only.</summary>
public sealed record AdminToken
{
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public required string TokenHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
