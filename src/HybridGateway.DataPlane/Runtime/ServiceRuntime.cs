using HybridGateway.Configuration.Entities;
using Yarp.ReverseProxy.Forwarder;

namespace HybridGateway.DataPlane.Runtime;

/// <summary>
/// A service compiled for the hot path: where to send (a fixed address or the round-robin order of
/// its upstream's targets, as ready-made URL prefixes), the client, timeouts and retries.
/// </summary>
public sealed class ServiceRuntime
{
    private readonly string[] _destinations;
    private int _next = -1;

    public ServiceRuntime(Service service, UpstreamBalancer? upstream, HttpMessageInvoker client)
    {
        Service = service;
        Upstream = upstream;
        Client = client;
        var scheme = service.Protocol is Protocols.Https or Protocols.Grpcs or Protocols.Wss ? "https" : "http";
        _destinations = upstream is null
            ? [scheme + "://" + HostAndPort(service.Host, service.Port)]
            : upstream.Schedule.Select(target => scheme + "://" + target).ToArray();
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

    public bool HasDestinations => _destinations.Length > 0;

    /// <summary>The next destination prefix ("http://10.0.0.1:8080"), in weighted round-robin order.</summary>
    public string NextDestination()
    {
        var index = (uint)Interlocked.Increment(ref _next);
        return _destinations[index % (uint)_destinations.Length];
    }

    private static string HostAndPort(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]:" + port : host + ":" + port;
}
