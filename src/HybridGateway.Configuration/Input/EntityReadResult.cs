using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Input;

/// <summary>
/// An entity read from user input, or the errors that kept it from being read. Revealed holds
/// values shown to the user once and never stored (a generated API key).
/// </summary>
public sealed record EntityReadResult(ConfigEntity? Entity, FieldErrors Errors, IReadOnlyDictionary<string, string> Revealed)
{
    public bool Success => Entity is not null;
}
