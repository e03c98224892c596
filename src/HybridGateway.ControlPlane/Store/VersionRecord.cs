using HybridGateway.Configuration.State;

namespace HybridGateway.ControlPlane.Store;

/// <summary>What one version changed, its resulting hash, and when it was committed.</summary>
public sealed record VersionRecord(long Version, IReadOnlyList<EntityAddress> Touched, string Hash, DateTimeOffset At);
