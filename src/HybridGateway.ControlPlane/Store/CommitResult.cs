using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Validation;

namespace HybridGateway.ControlPlane.Store;

/// <summary>The outcome of a write: a new version, nothing to do, invalid, or a stale basis.</summary>
public sealed record CommitResult
{
    public CommitStatus Status { get; private init; }

    public ConfigState? State { get; private init; }

    public IReadOnlyList<ConfigError> Errors { get; private init; } = [];

    /// <summary>For a conflict: the version the store is at now.</summary>
    public long CurrentVersion { get; private init; }

    public static CommitResult Committed(ConfigState state) => new() { Status = CommitStatus.Committed, State = state, CurrentVersion = state.Version };

    public static CommitResult Unchanged(ConfigState state) => new() { Status = CommitStatus.Unchanged, State = state, CurrentVersion = state.Version };

    public static CommitResult Invalid(IReadOnlyList<ConfigError> errors, long version) => new() { Status = CommitStatus.Invalid, Errors = errors, CurrentVersion = version };

    public static CommitResult Conflict(long currentVersion) => new() { Status = CommitStatus.Conflict, CurrentVersion = currentVersion };
}
