using HybridGateway.Contracts.RateLimit.V1;

namespace HybridGateway.DataPlane.RateLimiting;

/// <summary>Where a node leases tokens of cluster-wide counters: the control plane, over the cluster port.</summary>
public interface ILeaseSource
{
    /// <summary>The node's id, which the counters record what it holds under.</summary>
    string NodeId { get; }

    /// <summary>Whether a lease stream is up right now; while it is not, asks fail at once.</summary>
    bool Available { get; }

    /// <summary>Asks for tokens; null when the counters cannot be reached in time.</summary>
    Task<LeaseGrant?> AskAsync(LeaseAsk ask);

    /// <summary>Gives unspent tokens back, best effort.</summary>
    void Return(LeaseReturn returned);
}
