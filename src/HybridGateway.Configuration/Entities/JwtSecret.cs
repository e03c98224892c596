using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>
/// A JWT signing credential of a consumer. The HMAC secret is kept as is because verifying a
/// signature needs it; the algorithm here, never the token's header, decides how to verify.
/// </summary>
public sealed record JwtSecret : ConfigEntity
{
    [Required]
    public EntityRef? Consumer { get; init; }

    [Required]
    [MinLength(1)]
    public string Key { get; init; } = "";

    public string? Secret { get; init; }

    public string? RsaPublicKey { get; init; }

    [OneOf("HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA")]
    public string Algorithm { get; init; } = "HS256";
}
