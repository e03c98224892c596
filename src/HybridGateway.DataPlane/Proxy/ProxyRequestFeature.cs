namespace HybridGateway.DataPlane.Proxy;

/// <summary>What the proxy decided for one request, handed to the transformer that builds the upstream request.</summary>
public sealed class ProxyRequestFeature
{
    public required string UpstreamPathAndQuery { get; init; }

    /// <summary>The Host header to send; null keeps the client's (preserve_host).</summary>
    public string? HostHeader { get; init; }

    /// <summary>The path the client asked for, normalized: X-Forwarded-Path.</summary>
    public required string ClientPath { get; init; }

    public required bool TrustedPeer { get; init; }
}
