namespace HybridGateway.Plugins.BasicAuth;

/// <summary>basic-auth's config, with Kong's defaults.</summary>
public sealed record BasicAuthConfig
{
    public string? Anonymous { get; init; }

    public bool HideCredentials { get; init; }

    public string Realm { get; init; } = "service";
}
