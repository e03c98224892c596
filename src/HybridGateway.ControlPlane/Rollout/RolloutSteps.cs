using HybridGateway.ControlPlane.Sync;

namespace HybridGateway.ControlPlane.Rollout;

/// <summary>The next state of a running rollout, from the connected nodes and the latest version: a pure function, unit-tested.</summary>
public static class RolloutSteps
{
    public static RolloutPlan Next(RolloutPlan rollout, IReadOnlyList<DataPlaneNode> nodes, long latest, DateTimeOffset now)
    {
        var released = nodes.Where(n => rollout.WaveOf(n.Labels) is var wave && wave >= 0 && wave <= rollout.Released).ToArray();
        foreach (var node in released)
        {
            if (node.LastNack is { } nack && nack.RejectedVersion > rollout.Baseline && nack.At >= rollout.StartedAt)
            {
                return rollout with
                {
                    Status = RolloutPlan.Stopped,
                    StoppedReason = "node " + node.Id + " (wave " + rollout.Waves[rollout.WaveOf(node.Labels)].Name + ") refused version "
                        + nack.RejectedVersion + ": " + nack.Code + ": " + nack.Message,
                    UpdatedAt = now,
                };
            }
        }
        if (latest <= rollout.Baseline || released.Any(n => n.AppliedVersion < latest))
        {
            return rollout.WaveDoneAt is null ? rollout : rollout with { WaveDoneAt = null, UpdatedAt = now };
        }
        if (rollout.WaveDoneAt is not { } done)
        {
            return rollout with { WaveDoneAt = now, UpdatedAt = now };
        }
        if (now - done < TimeSpan.FromSeconds(rollout.WaitSeconds))
        {
            return rollout;
        }
        return rollout.Released >= rollout.Waves.Count - 1
            ? rollout with { Status = RolloutPlan.Completed, UpdatedAt = now }
            : rollout with { Released = rollout.Released + 1, WaveDoneAt = null, UpdatedAt = now };
    }
}
