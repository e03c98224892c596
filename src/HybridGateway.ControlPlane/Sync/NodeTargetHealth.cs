using HybridGateway.Contracts.Sync.V1;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>One target's health as one node's checks see it (from the node's TargetHealthReport).</summary>
public sealed record NodeTargetHealth(Guid UpstreamId, string Upstream, string Target, string Health, string Reason)
{
    /// <summary>The most entries a report may hold; also the longest text accepted in a field.</summary>
    public const int MaxEntries = 10_000;
    public const int MaxText = 512;

    /// <summary>The report's entries, or the first reason it is refused (naming the field).</summary>
    public static (IReadOnlyList<NodeTargetHealth>? Entries, string? Error) Read(TargetHealthReport report)
    {
        if (report.Targets.Count > MaxEntries)
        {
            return (null, "targets: " + report.Targets.Count + " entries, at most " + MaxEntries);
        }
        var entries = new List<NodeTargetHealth>(report.Targets.Count);
        for (var i = 0; i < report.Targets.Count; i++)
        {
            var entry = report.Targets[i];
            var field = "targets[" + i + "].";
            if (!Guid.TryParse(entry.UpstreamId, out var upstreamId))
            {
                return (null, field + "upstream_id: not a UUID");
            }
            if (entry.Health is not ("HEALTHY" or "UNHEALTHY"))
            {
                return (null, field + "health: expected HEALTHY or UNHEALTHY");
            }
            if (entry.Target.Length is 0 or > MaxText || entry.Upstream.Length > MaxText || entry.Reason.Length > MaxText)
            {
                return (null, field + "target, upstream or reason: empty target or longer than " + MaxText + " characters");
            }
            entries.Add(new NodeTargetHealth(upstreamId, entry.Upstream, entry.Target, entry.Health, entry.Reason));
        }
        return (entries, null);
    }
}
