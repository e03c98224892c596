using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.State;

namespace HybridGateway.Configuration.Declarative;

/// <summary>
/// What importing a declarative file would do: the changes against the current config and the
/// resulting state, or every error, placed where it was written in the file.
/// </summary>
public sealed class ImportPlan
{
    public required IReadOnlyList<EntityChange> Changes { get; init; }

    public required FieldErrors Errors { get; init; }

    public required IReadOnlyList<ImportEntityError> EntityErrors { get; init; }

    public ConfigState? Result { get; init; }

    public int EntityCount { get; init; }

    public bool Success => Result is not null && Errors.IsEmpty;
}
