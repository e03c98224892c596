using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.KeyAuth;

/// <summary>key-auth's config, with Kong's defaults.</summary>
public sealed record KeyAuthConfig
{
    [MinLength(1)]
    public IReadOnlyList<string> KeyNames { get; init; } = ["apikey"];

    public bool HideCredentials { get; init; }

    public string? Anonymous { get; init; }

    public bool KeyInHeader { get; init; } = true;

    public bool KeyInQuery { get; init; } = true;

    public bool KeyInBody { get; init; }

    public bool RunOnPreflight { get; init; } = true;

    public string? Realm { get; init; }
}
