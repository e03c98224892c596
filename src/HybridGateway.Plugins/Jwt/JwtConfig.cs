using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.Jwt;

/// <summary>jwt's config, with Kong's defaults.</summary>
public sealed record JwtConfig
{
    public IReadOnlyList<string> UriParamNames { get; init; } = ["jwt"];

    public IReadOnlyList<string> CookieNames { get; init; } = [];

    public string KeyClaimName { get; init; } = "iss";

    public bool SecretIsBase64 { get; init; }

    [OneOf("exp", "nbf")]
    public IReadOnlyList<string>? ClaimsToVerify { get; init; }

    public string? Anonymous { get; init; }

    public bool RunOnPreflight { get; init; } = true;

    [Between(0, 31536000)]
    public double MaximumExpiration { get; init; }

    public IReadOnlyList<string> HeaderNames { get; init; } = ["authorization"];

    public string? Realm { get; init; }
}
