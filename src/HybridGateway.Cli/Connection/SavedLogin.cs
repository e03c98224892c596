using System.Text.Json.Serialization;

namespace HybridGateway.Cli.Connection;

/// <summary>What <c>hgw login</c> saves: the address, the token and the CA file.</summary>
public sealed record SavedLogin
{
    [JsonPropertyName("address")]
    public string? Address { get; init; }

    [JsonPropertyName("token")]
    public string? Token { get; init; }

    [JsonPropertyName("ca")]
    public string? Ca { get; init; }
}
