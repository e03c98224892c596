namespace HybridGateway.ControlPlane.Rollout;

/// <summary>
/// A rollout in waves: from its start, nodes of the waves not yet released stay at the version
/// that was latest then (<see cref="Baseline"/>), while the released waves take every new version.
/// A wave is done when each of its connected nodes serves the latest version; after
/// <see cref="WaitSeconds"/> the next wave is released. A NACK from a released node stops it.
/// </summary>
public sealed record RolloutPlan
{
    public const string Active = "active";
    public const string Stopped = "stopped";
    public const string Completed = "completed";

    /// <summary>The rollout's name (Marten's identity).</summary>
    public required string Id { get; init; }

    public IReadOnlyList<RolloutWave> Waves { get; init; } = [];

    public int WaitSeconds { get; init; } = 60;

    public long Baseline { get; init; }

    /// <summary>The index of the last wave released (0: the first wave only).</summary>
    public int Released { get; init; }

    /// <summary>When every node of the last released wave first served the latest version; null while they do not.</summary>
    public DateTimeOffset? WaveDoneAt { get; init; }

    public string Status { get; init; } = Active;

    public string? StoppedReason { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The first wave whose selector the labels match (a wave without one matches all); -1 for none.</summary>
    public int WaveOf(IReadOnlyDictionary<string, string> labels)
    {
        for (var i = 0; i < Waves.Count; i++)
        {
            if (new VersionHold { Id = "", Selector = Waves[i].Selector }.Matches(labels))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Whether a node with these labels is kept at the baseline: the rollout runs or stopped, and its wave is not released.</summary>
    public bool Holds(IReadOnlyDictionary<string, string> labels) => Status != Completed && WaveOf(labels) is var wave && (wave < 0 || wave > Released);
}

/// <summary>One wave: a name and the labels its nodes have (none: every node left).</summary>
public sealed record RolloutWave(string Name, IReadOnlyDictionary<string, string> Selector);
