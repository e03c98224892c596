namespace HybridGateway.ControlPlane.Store;

/// <summary>Who is writing, why, and with what expectation of the current version.</summary>
public sealed record ChangeContext(string Actor, string? Reason, string Operation, long? IfMatch = null);
