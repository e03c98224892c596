using System.Diagnostics.Metrics;
using HybridGateway.ControlPlane.Store;
using HybridGateway.ControlPlane.Sync;

namespace HybridGateway.ControlPlane.Telemetry;

/// <summary>
/// The control plane's OpenTelemetry metrics (meter <c>HybridGateway.ControlPlane</c>): configs sent
/// by kind, ACKs and NACKs by node, and, read when the exporter collects, the latest version, the
/// nodes connected to this replica and each one's lag in versions.
/// </summary>
public sealed class ControlPlaneMeter
{
    public const string MeterName = "HybridGateway.ControlPlane";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _answers;

    public ControlPlaneMeter(IMeterFactory meters, ConfigStore store, ConnectedNodes connected, NodeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName, HybridGateway.Sync.SyncProtocol.SoftwareVersion);
        _sent = meter.CreateCounter<long>("hybridgateway.sync.sent", "{config}", "Configs sent to nodes, by kind (snapshot, delta)");
        _answers = meter.CreateCounter<long>("hybridgateway.sync.answers", "{answer}", "Nodes' answers to the configs sent, by node and answer (ack, nack)");
        meter.CreateObservableGauge("hybridgateway.config.version", () => store.Cached.Version, "{version}", "The latest config version this replica holds");
        meter.CreateObservableGauge("hybridgateway.data_planes.connected", () => connected.Count, "{node}", "Data planes connected to this replica");
        meter.CreateObservableGauge("hybridgateway.data_plane.lag", () => Lags(store, registry), "{version}",
            "Versions each data plane connected to this replica is behind the latest");
    }

    public void Sent(string kind) => _sent.Add(1, new KeyValuePair<string, object?>("hybridgateway.sync.kind", kind));

    public void Answered(string nodeId, string answer) =>
        _answers.Add(1, new KeyValuePair<string, object?>("hybridgateway.node.id", nodeId), new KeyValuePair<string, object?>("answer", answer));

    private static IEnumerable<Measurement<long>> Lags(ConfigStore store, NodeRegistry registry)
    {
        var latest = store.Cached.Version;
        foreach (var node in registry.Live)
        {
            yield return new Measurement<long>(Math.Max(0, latest - node.AppliedVersion), new KeyValuePair<string, object?>("hybridgateway.node.id", node.Id));
        }
    }
}
