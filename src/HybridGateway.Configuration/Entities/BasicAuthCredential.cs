using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>A username and password of a consumer. The password is stored as a PBKDF2 hash.</summary>
public sealed record BasicAuthCredential : ConfigEntity
{
    [Required]
    public EntityRef? Consumer { get; init; }

    [Required]
    [MinLength(1)]
    public string Username { get; init; } = "";

    [Required]
    public string PasswordHash { get; init; } = "";
}
