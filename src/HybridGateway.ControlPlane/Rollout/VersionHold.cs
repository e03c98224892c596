namespace HybridGateway.ControlPlane.Rollout;

/// <summary>
/// Nodes whose labels match <see cref="Selector"/> stay at <see cref="Version"/> (or the version
/// they already serve, if newer: a hold never moves a node back) while others move on. Deleting
/// the hold promotes them to the latest version. Stored, so that every replica applies it.
/// </summary>
public sealed record VersionHold
{
    /// <summary>The hold's name (Marten's identity).</summary>
    public required string Id { get; init; }

    /// <summary>Label to value; "a|b" matches either; every label must match.</summary>
    public IReadOnlyDictionary<string, string> Selector { get; init; } = new Dictionary<string, string>();

    public long Version { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? Reason { get; init; }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (label, values) in Selector)
        {
            if (!labels.TryGetValue(label, out var value) || !values.Split('|').Contains(value, StringComparer.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
