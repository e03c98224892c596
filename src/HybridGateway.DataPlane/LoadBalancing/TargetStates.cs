using System.Collections.Concurrent;

namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>
/// Every target's run-time state on this node, by upstream and address. The runtime compiler takes
/// a target's state from here when it builds a balancer, so a new config version keeps it, and
/// drops the states no balancer uses any more.
/// </summary>
public sealed class TargetStates
{
    private readonly ConcurrentDictionary<(string Upstream, string Address), TargetState> _states = new();

    public TargetState For(string upstream, string address) =>
        _states.GetOrAdd((upstream, address), key => new TargetState(key.Upstream, key.Address));

    /// <summary>Forgets the states of targets that no balancer in use holds.</summary>
    public void Retain(IEnumerable<UpstreamBalancer> balancers)
    {
        var used = new HashSet<TargetState>(ReferenceEqualityComparer.Instance);
        foreach (var balancer in balancers)
        {
            foreach (var target in balancer.Targets)
            {
                used.Add(target.State);
            }
        }
        foreach (var (key, state) in _states)
        {
            if (!used.Contains(state))
            {
                _states.TryRemove(key, out _);
            }
        }
    }
}
