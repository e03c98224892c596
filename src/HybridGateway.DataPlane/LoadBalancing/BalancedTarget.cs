namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>A target as one config version balances it: its weight and locality, the URL prefixes, and its run-time state.</summary>
public sealed class BalancedTarget
{
    public BalancedTarget(TargetState state, int weight, string? region, string? zone, bool healthChecked)
    {
        State = state;
        Weight = weight;
        Region = region;
        Zone = zone;
        HealthChecked = healthChecked;
        HttpPrefix = "http://" + state.Address;
        HttpsPrefix = "https://" + state.Address;
    }

    public TargetState State { get; }

    public int Weight { get; }

    /// <summary>From the target's <c>region:</c> tag; null when it has none.</summary>
    public string? Region { get; }

    /// <summary>From the target's <c>zone:</c> tag; null when it has none.</summary>
    public string? Zone { get; }

    /// <summary>False when the upstream checks no health: the target then always counts as up.</summary>
    public bool HealthChecked { get; }

    public string HttpPrefix { get; }

    public string HttpsPrefix { get; }

    public bool IsUp => !HealthChecked || State.Health.Healthy;
}
