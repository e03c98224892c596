using HybridGateway.Configuration.Validation;

namespace HybridGateway.Configuration.State;

/// <summary>The outcome of applying a change: the new state, or every reason it was refused.</summary>
public sealed class ApplyResult
{
    private ApplyResult(ConfigState? state, IReadOnlyList<ConfigError> errors)
    {
        State = state;
        Errors = errors;
    }

    public ConfigState? State { get; }

    public IReadOnlyList<ConfigError> Errors { get; }

    public bool Success => State is not null;

    public static ApplyResult Succeeded(ConfigState state) => new(state, []);

    public static ApplyResult Failed(IReadOnlyList<ConfigError> errors) => new(null, errors);
}
