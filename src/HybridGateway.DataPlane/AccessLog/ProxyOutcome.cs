using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Runtime;
using Route = HybridGateway.Configuration.Entities.Route;

namespace HybridGateway.DataPlane.AccessLog;

/// <summary>What the proxy learned about one request, for its access-log line: filled as it goes, read once it is answered.</summary>
public sealed class ProxyOutcome
{
    public string? Path { get; set; }

    public Route? Route { get; set; }

    public ServiceRuntime? Service { get; set; }

    public Consumer? Consumer { get; set; }

    public string? Upstream { get; set; }

    /// <summary>How many times the request was sent upstream (retries included).</summary>
    public int Attempts { get; set; }

    /// <summary>Whether the response came from the upstream (Kong's source "service"), not from the gateway ("kong").</summary>
    public bool FromUpstream { get; set; }

    /// <summary>Stopwatch ticks spent in the forwarder (all attempts), or 0 when nothing was forwarded.</summary>
    public long UpstreamTicks { get; set; }

    public long ConfigVersion { get; set; }

    /// <summary>Header and query-argument names that carried a credential (see <see cref="Pipeline.PluginRequest.Redactions"/>).</summary>
    public List<string>? Redactions { get; set; }

    /// <summary>The client's address, the trusted proxies' real-IP header considered; set once plugins ran.</summary>
    public System.Net.IPAddress? ClientAddress { get; set; }

    /// <summary>The matched route's plugin chain, whose log phase runs once the request is answered.</summary>
    public Pipeline.PluginChain? Chain { get; set; }

    public double UpstreamMs => UpstreamTicks * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
}
