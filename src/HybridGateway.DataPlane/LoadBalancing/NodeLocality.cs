using HybridGateway.DataPlane.Hosting;

namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>Where this node runs: its <c>region</c> and <c>zone</c> labels (DataPlane:Labels).</summary>
public sealed record NodeLocality(string? Region, string? Zone)
{
    public static NodeLocality None { get; } = new(null, null);

    public static NodeLocality From(DataPlaneOptions options) =>
        new(Label(options, "region"), Label(options, "zone"));

    private static string? Label(DataPlaneOptions options, string name) =>
        options.Labels.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
