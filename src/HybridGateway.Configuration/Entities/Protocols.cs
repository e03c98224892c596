namespace HybridGateway.Configuration.Entities;

/// <summary>The protocols this gateway proxies. Kong's stream protocols (tcp, tls, udp) are not among them.</summary>
public static class Protocols
{
    public const string Http = "http";
    public const string Https = "https";
    public const string Grpc = "grpc";
    public const string Grpcs = "grpcs";
    public const string Ws = "ws";
    public const string Wss = "wss";
}
