using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>Membership of a consumer in an ACL group.</summary>
public sealed record Acl : ConfigEntity
{
    [Required]
    public EntityRef? Consumer { get; init; }

    [Required]
    [MinLength(1)]
    public string Group { get; init; } = "";
}
