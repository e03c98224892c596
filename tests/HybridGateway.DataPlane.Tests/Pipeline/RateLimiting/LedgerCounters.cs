using System.Collections.Concurrent;
using HybridGateway.Contracts.RateLimit.V1;
using HybridGateway.DataPlane.RateLimiting;
using HybridGateway.Plugins.RateLimiting;
using HybridGateway.RateLimiting;

namespace HybridGateway.DataPlane.Tests.Pipeline.RateLimiting;

/// <summary>
/// The counters' own ledgers (the logic the grains run), in this process, for several nodes at
/// once: each node's lease source talks to the same ledgers, as nodes talk to the same grains.
/// </summary>
internal sealed class LedgerCounters(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, CounterLedger> _ledgers = new(StringComparer.Ordinal);

    public bool Reachable { get; set; } = true;

    public long Granted(string counterPrefix) => _ledgers.Where(l => l.Key.Contains(counterPrefix, StringComparison.Ordinal)).Sum(l => l.Value.Count);

    public ILeaseSource Node(string node) => new Source(this, node);

    /// <summary>Forgets every count, as a replica dying with its grains does.</summary>
    public void Restart() => _ledgers.Clear();

    private LeaseGrant Lease(string node, LeaseAsk ask)
    {
        var ledger = _ledgers.GetOrAdd(ask.Counter, _ => new CounterLedger(RateLimitWindow.Find(ask.Window)!));
        CounterGrant grant;
        lock (ledger)
        {
            grant = ledger.Lease(new CounterAsk(node, ask.Window, ask.Limit, ask.Tokens, ask.PeriodStartUnixMs, ask.HeldInPeriod, ask.KnownNodes), clock.GetUtcNow().ToUnixTimeMilliseconds());
        }
        return new LeaseGrant
        {
            AskId = ask.AskId,
            Tokens = grant.Tokens,
            Remaining = grant.Remaining,
            PeriodStartUnixMs = grant.PeriodStartUnixMs,
            TtlMs = grant.TtlMs,
            LiveNodes = grant.LiveNodes,
        };
    }

    private sealed class Source(LedgerCounters counters, string node) : ILeaseSource
    {
        public string NodeId => node;

        public bool Available => counters.Reachable;

        public async Task<LeaseGrant?> AskAsync(LeaseAsk ask)
        {
            await Task.Yield();
            return counters.Reachable ? counters.Lease(node, ask) : null;
        }

        public void Return(LeaseReturn returned)
        {
            if (counters._ledgers.TryGetValue(returned.Counter, out var ledger))
            {
                lock (ledger)
                {
                    ledger.Return(new CounterReturn(node, returned.PeriodStartUnixMs, returned.Tokens));
                }
            }
        }
    }
}
