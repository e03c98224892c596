namespace HybridGateway.Configuration.Entities;

/// <summary>A user of the APIs, identified by username and/or custom_id.</summary>
public sealed record Consumer : ConfigEntity
{
    public string? Username { get; init; }

    public string? CustomId { get; init; }
}
