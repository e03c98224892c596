using HybridGateway.Configuration.State;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>What a write will change and what it answers once committed, or why it is refused before any commit.</summary>
public sealed record WritePlan
{
    public IReadOnlyList<EntityChange> Changes { get; private init; } = [];

    public Func<ConfigState, IResult>? OnSuccess { get; private init; }

    public IResult? Rejection { get; private init; }

    public static WritePlan Of(IReadOnlyList<EntityChange> changes, Func<ConfigState, IResult> onSuccess) =>
        new() { Changes = changes, OnSuccess = onSuccess };

    public static WritePlan Reject(IResult rejection) => new() { Rejection = rejection };
}
