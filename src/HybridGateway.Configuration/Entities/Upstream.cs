using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>A virtual hostname whose targets are load balanced.</summary>
public sealed record Upstream : ConfigEntity
{
    public const string RoundRobin = "round-robin";

    [Required]
    public string Name { get; init; } = "";

    [OneOf(RoundRobin, "consistent-hashing", "least-connections", "latency")]
    public string Algorithm { get; init; } = RoundRobin;

    [OneOf("none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture")]
    public string HashOn { get; init; } = "none";

    [OneOf("none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture")]
    public string HashFallback { get; init; } = "none";

    public string? HashOnHeader { get; init; }

    public string? HashFallbackHeader { get; init; }

    public string? HashOnCookie { get; init; }

    [StartsWith("/")]
    public string HashOnCookiePath { get; init; } = "/";

    public string? HashOnQueryArg { get; init; }

    public string? HashFallbackQueryArg { get; init; }

    public string? HashOnUriCapture { get; init; }

    public string? HashFallbackUriCapture { get; init; }

    [Between(10, 65536)]
    public int Slots { get; init; } = 10000;

    public Healthchecks Healthchecks { get; init; } = new();

    public string? HostHeader { get; init; }

    public EntityRef? ClientCertificate { get; init; }

    public bool UseSrvName { get; init; }
}
