namespace HybridGateway.ControlPlane.Hosting;

/// <summary>The control plane's listeners.</summary>
public static class Listeners
{
    /// <summary>The REST Admin API, HTTP/1.1.</summary>
    public const string Admin = "admin";

    /// <summary>The REST and gRPC Admin APIs over TLS (Kong's admin_listen ... ssl, 8444).</summary>
    public const string AdminTls = "admin-tls";

    /// <summary>The gRPC Admin API as cleartext h2c, loopback only.</summary>
    public const string AdminGrpc = "admin-grpc";

    public const string Cluster = "cluster";
}
