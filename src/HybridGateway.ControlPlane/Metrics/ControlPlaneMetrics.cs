using System.Globalization;
using HybridGateway.ControlPlane.Counters;
using HybridGateway.ControlPlane.Store;
using HybridGateway.ControlPlane.Sync;
using HybridGateway.Sync;
using Prometheus;

namespace HybridGateway.ControlPlane.Metrics;

/// <summary>
/// The control plane's Prometheus metrics, read as each scrape comes: Kong's per-node families
/// (<c>kong_data_plane_last_seen</c>, <c>kong_data_plane_config_hash</c>,
/// <c>kong_data_plane_version_compatible</c>) and ours under <c>hybridgateway_</c>.
/// </summary>
public sealed class ControlPlaneMetrics
{
    private readonly Gauge _lastSeen;
    private readonly Gauge _configHash;
    private readonly Gauge _compatible;
    private readonly Gauge _version;
    private readonly Gauge _connected;
    private readonly Gauge _lag;
    private readonly Gauge _nacked;
    private readonly Counter _leaseAsks;
    private readonly Counter _tokens;

    public ControlPlaneMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        string[] node = ["node_id", "hostname", "ip"];
        _lastSeen = factory.CreateGauge("kong_data_plane_last_seen", "Last time data plane contacted control plane", node);
        _configHash = factory.CreateGauge("kong_data_plane_config_hash", "Config hash numeric value of the data plane", node);
        _compatible = factory.CreateGauge("kong_data_plane_version_compatible", "Version compatible status of the data plane, 0 is incompatible",
            ["node_id", "hostname", "ip", "kong_version"]);
        _version = factory.CreateGauge("hybridgateway_config_version", "The latest config version this control plane holds");
        _connected = factory.CreateGauge("hybridgateway_connected_data_planes", "Data planes connected to this replica");
        _lag = factory.CreateGauge("hybridgateway_data_plane_lag_versions", "Versions a data plane is behind the latest", ["node_id"]);
        _nacked = factory.CreateGauge("hybridgateway_data_plane_nacked", "1 while a data plane's last answer was a NACK", ["node_id"]);
        _leaseAsks = factory.CreateCounter("hybridgateway_rate_limit_lease_asks_total", "Lease asks answered by this replica, by outcome", ["outcome"]);
        _tokens = factory.CreateCounter("hybridgateway_rate_limit_tokens_total", "Rate-limit tokens granted and returned through this replica", ["direction"]);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Sets every value from the current state; the per-node series of nodes no longer listed are removed.</summary>
    public void Update(long latestVersion, int connected, IReadOnlyList<DataPlaneNode> nodes, LeaseServiceStats leases)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(leases);
        _version.Set(latestVersion);
        _connected.Set(connected);
        RemoveAll(_lastSeen);
        RemoveAll(_configHash);
        RemoveAll(_compatible);
        RemoveAll(_lag);
        RemoveAll(_nacked);
        foreach (var n in nodes)
        {
            var ip = n.Ip ?? "";
            _lastSeen.WithLabels(n.Id, n.Hostname, ip).Set(n.LastSeen.ToUnixTimeSeconds());
            _configHash.WithLabels(n.Id, n.Hostname, ip).Set(HashValue(n.ConfigHash));
            _compatible.WithLabels(n.Id, n.Hostname, ip, n.SoftwareVersion)
                .Set(n.SyncStatus != NodeSyncStatus.Refused && SyncProtocol.Incompatibility(n.SoftwareVersion, SyncProtocol.SoftwareVersion) is null ? 1 : 0);
            _lag.WithLabels(n.Id).Set(Math.Max(0, latestVersion - n.AppliedVersion));
            _nacked.WithLabels(n.Id).Set(n.SyncStatus == NodeSyncStatus.Nack ? 1 : 0);
        }
        _leaseAsks.WithLabels("granted").IncTo(leases.Asks);
        _leaseAsks.WithLabels("failed").IncTo(leases.FailedAsks);
        _tokens.WithLabels("granted").IncTo(leases.TokensGranted);
        _tokens.WithLabels("returned").IncTo(leases.TokensReturned);
    }

    /// <summary>Kong exports its config hash as a number; ours is the first 64 bits of our hash.</summary>
    private static double HashValue(string? hash) =>
        hash is { Length: >= 16 } && ulong.TryParse(hash.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static void RemoveAll(Gauge gauge)
    {
        foreach (var labels in gauge.GetAllLabelValues().ToArray())
        {
            gauge.RemoveLabelled(labels);
        }
    }
}
