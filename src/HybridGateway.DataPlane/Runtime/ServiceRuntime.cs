using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.LoadBalancing;
using Yarp.ReverseProxy.Forwarder;

namespace HybridGateway.DataPlane.Runtime;

/// <summary>
/// A service compiled for the hot path: where to send (a fixed address, or its upstream's
/// balancer), the client, timeouts and retries.
/// </summary>
public sealed class ServiceRuntime
{
    public ServiceRuntime(Service service, UpstreamBalancer? upstream, HttpMessageInvoker client)
    {
        Service = service;
        Upstream = upstream;
        Client = client;
        var scheme = service.Protocol is Protocols.Https or Protocols.Grpcs or Protocols.Wss ? "https" : "http";
        Https = scheme == "https";
        FixedDestination = scheme + "://" + HostAndPort(service.Host, service.Port);
        var defaultPort = scheme == "https" ? 443 : 80;
        HostHeader = upstream?.Upstream.HostHeader ?? (service.Port == defaultPort || upstream is not null ? service.Host : HostAndPort(service.Host, service.Port));
        var grpc = service.Protocol is Protocols.Grpc or Protocols.Grpcs;
        RequestConfig = new ForwarderRequestConfig
        {
            // YARP's activity timeout restarts whenever data moves, as Kong's read_timeout (the longest
            // wait between two reads from the upstream) does.
            ActivityTimeout = TimeSpan.FromMilliseconds(service.ReadTimeout),
            Version = grpc ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11,
            VersionPolicy = grpc ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    public Service Service { get; }

    public UpstreamBalancer? Upstream { get; }

    public HttpMessageInvoker Client { get; }

    public ForwarderRequestConfig RequestConfig { get; }

    /// <summary>The Host header sent upstream unless the route preserves the client's.</summary>
    public string HostHeader { get; }

    /// <summary>Whether targets are reached over TLS (the service's protocol).</summary>
    public bool Https { get; }

    /// <summary>The destination prefix ("http://10.0.0.1:8080") of a service without an upstream.</summary>
    public string FixedDestination { get; }

    public bool HasDestinations => Upstream is null || Upstream.Targets.Length > 0;

    private static string HostAndPort(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]:" + port : host + ":" + port;
}
