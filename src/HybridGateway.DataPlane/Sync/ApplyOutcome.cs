using HybridGateway.Contracts.Sync.V1;
using HybridGateway.DataPlane.Runtime;

namespace HybridGateway.DataPlane.Sync;

/// <summary>What came of a config from the control plane: applied, refused (keep the old one), or resync needed.</summary>
public sealed record ApplyOutcome
{
    public RuntimeConfig? Applied { get; private init; }

    public ConfigRejection? Rejection { get; private init; }

    public string? ResyncReason { get; private init; }

    public static ApplyOutcome Success(RuntimeConfig config) => new() { Applied = config };

    public static ApplyOutcome Reject(string code, string message, IEnumerable<EntityError>? entities = null)
    {
        var rejection = new ConfigRejection { Code = code, Message = message };
        rejection.Entities.AddRange(entities ?? []);
        return new() { Rejection = rejection };
    }

    public static ApplyOutcome Resync(string reason) => new() { ResyncReason = reason };
}
