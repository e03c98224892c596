namespace HybridGateway.ControlPlane.AdminAuth;

/// <summary>An Admin API token, stored as its SHA-256 only, with what it may do.</summary>
public sealed record AdminToken
{
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public required string TokenHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary><see cref="AdminRoles"/>: read-only, operator or admin. Tokens stored before roles existed are admins.</summary>
    public string Role { get; init; } = AdminRoles.Admin;

    /// <summary>After this instant the token is refused.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When not empty, the token may only write entities carrying one of these tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The name of the token that created this one.</summary>
    public string? CreatedBy { get; init; }
}
