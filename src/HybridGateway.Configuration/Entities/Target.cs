using System.Text.Json.Serialization;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>One backend address of an upstream, with a weight (0 disables it).</summary>
public sealed record Target : ConfigEntity
{
    public const int DefaultPort = 8000;

    [Required]
    public EntityRef? Upstream { get; init; }

    [Required]
    [JsonPropertyName("target")]
    public string Address { get; init; } = "";

    [Between(0, 65535)]
    public int Weight { get; init; } = 100;
}
