using System.Collections.Immutable;
using HybridGateway.Configuration.State;
using HybridGateway.DataPlane.LoadBalancing;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Routing;
using HybridGateway.DataPlane.Tls;

namespace HybridGateway.DataPlane.Runtime;

/// <summary>
/// What a node serves: one validated config version and everything compiled from it for the hot
/// path. Immutable; a new version is a new instance swapped in whole.
/// </summary>
public sealed record RuntimeConfig
{
    public required ConfigState State { get; init; }

    public required RouteTable Routes { get; init; }

    /// <summary>The plugin chain of each route that has plugins.</summary>
    public required RoutePlugins Plugins { get; init; }

    /// <summary>The certificates the HTTPS listener serves, by SNI.</summary>
    public required ServerCertificates Certificates { get; init; }

    public required ImmutableDictionary<Guid, ServiceRuntime> Services { get; init; }

    /// <summary>Upstream balancers by upstream name (lower case), which services address by host.</summary>
    public required ImmutableDictionary<string, UpstreamBalancer> Upstreams { get; init; }

    /// <summary>Service ids by lower-cased host, to find the services an upstream change affects.</summary>
    public required ImmutableDictionary<string, ImmutableHashSet<Guid>> ServicesByHost { get; init; }

    public long Version => State.Version;

    public string Hash => State.Hash.ToString();
}
