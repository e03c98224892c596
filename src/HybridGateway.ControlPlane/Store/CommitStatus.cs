namespace HybridGateway.ControlPlane.Store;

/// <summary>How a write ended.</summary>
public enum CommitStatus
{
    Committed,
    Unchanged,
    Invalid,
    Conflict,
}
