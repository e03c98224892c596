using HybridGateway.Plugins.RateLimiting;

namespace HybridGateway.RateLimiting.Tests;

public sealed class CounterLedgerTests
{
    private static readonly long Noon = new DateTimeOffset(2026, 3, 1, 12, 0, 0, 250, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void Lease_ManyNodesAskingForMore_NeverGrantsPastTheLimit()
    {
        var ledger = new CounterLedger(RateLimitWindow.Second);
        var random = new Random(7);
        long granted = 0;
        for (var i = 0; i < 1_000; i++)
        {
            granted += ledger.Lease(Ask("node-" + random.Next(5), limit: 100, tokens: random.Next(0, 40)), Noon + i % 700).Tokens;
        }
        Assert.Equal(100, granted);
    }

    [Fact]
    public void Lease_FirstAskOfALoneNode_GetsWhatItAsks_WithTheTimeLeftInThePeriod()
    {
        var grant = new CounterLedger(RateLimitWindow.Second).Lease(Ask("a", limit: 100, tokens: 30), Noon);

        Assert.Equal(30, grant.Tokens);
        Assert.Equal(70, grant.Remaining);
        Assert.Equal(750, grant.TtlMs);
        Assert.Equal(Noon - 250, grant.PeriodStartUnixMs);
    }

    [Fact]
    public void Lease_SeveralNodes_EachAskTakesAShareOfWhatIsLeft()
    {
        var ledger = new CounterLedger(RateLimitWindow.Minute);
        ledger.Lease(Ask("a", limit: 100, tokens: 1), Noon);

        var second = ledger.Lease(Ask("b", limit: 100, tokens: 100), Noon);

        Assert.Equal(49, second.Tokens); // 99 left, two nodes
        Assert.Equal(2, second.LiveNodes);
    }

    [Fact]
    public void Lease_NewPeriod_StartsFromZero()
    {
        var ledger = new CounterLedger(RateLimitWindow.Second);
        ledger.Lease(Ask("a", limit: 10, tokens: 10), Noon);

        var next = ledger.Lease(Ask("a", limit: 10, tokens: 4), Noon + 1_000);

        Assert.Equal(4, next.Tokens);
        Assert.Equal(Noon - 250 + 1_000, next.PeriodStartUnixMs);
    }

    /// <summary>
    /// A restarted counter learns what each node holds when that node next asks: it never grants past
    /// the limit on top of what it has heard of, and over-admits at most what the nodes that had not
    /// asked yet were holding (node b's 30 here).
    /// </summary>
    [Fact]
    public void Lease_AfterARestart_CountsWhatTheNodesReportHolding()
    {
        var before = new CounterLedger(RateLimitWindow.Minute);
        var a = before.Lease(Ask("a", limit: 100, tokens: 40), Noon);
        var b = before.Lease(Ask("b", limit: 100, tokens: 40), Noon);
        var restarted = new CounterLedger(RateLimitWindow.Minute);

        var fromA = restarted.Lease(Ask("a", limit: 100, tokens: 100, periodStart: a.PeriodStartUnixMs, held: a.Tokens), Noon + 10);
        var fromB = restarted.Lease(Ask("b", limit: 100, tokens: 100, periodStart: b.PeriodStartUnixMs, held: b.Tokens), Noon + 20);

        Assert.Equal((40, 30), (a.Tokens, b.Tokens));
        Assert.Equal(60, fromA.Tokens);
        Assert.Equal(0, fromB.Tokens);
        Assert.Equal(130, restarted.Count);
    }

    /// <summary>Told how many nodes shared it, a restarted counter holds back what the silent ones probably hold.</summary>
    [Fact]
    public void Lease_AfterARestart_HoldsBackForTheNodesNotHeardFromYet()
    {
        var before = new CounterLedger(RateLimitWindow.Minute);
        var a = before.Lease(Ask("a", limit: 100, tokens: 40), Noon);
        var b = before.Lease(Ask("b", limit: 100, tokens: 40), Noon);
        var restarted = new CounterLedger(RateLimitWindow.Minute);

        var fromA = restarted.Lease(Ask("a", limit: 100, tokens: 100, periodStart: a.PeriodStartUnixMs, held: a.Tokens, knownNodes: b.LiveNodes), Noon + 10);
        var fromB = restarted.Lease(Ask("b", limit: 100, tokens: 100, periodStart: b.PeriodStartUnixMs, held: b.Tokens, knownNodes: b.LiveNodes), Noon + 20);

        Assert.Equal(20, fromA.Tokens);
        Assert.Equal(5, fromB.Tokens);
        Assert.True(a.Tokens + b.Tokens + fromA.Tokens + fromB.Tokens <= 100);
    }

    [Fact]
    public void Return_GivesTokensBack_OnlyInTheirPeriod()
    {
        var ledger = new CounterLedger(RateLimitWindow.Minute);
        var grant = ledger.Lease(Ask("a", limit: 10, tokens: 10), Noon);

        ledger.Return(new CounterReturn("a", grant.PeriodStartUnixMs - 60_000, 5));
        Assert.Equal(10, ledger.Count);
        ledger.Return(new CounterReturn("a", grant.PeriodStartUnixMs, 4));
        Assert.Equal(6, ledger.Count);
        ledger.Return(new CounterReturn("b", grant.PeriodStartUnixMs, 4));
        Assert.Equal(6, ledger.Count);
        ledger.Return(new CounterReturn("a", grant.PeriodStartUnixMs, 100));
        Assert.Equal(0, ledger.Count);
    }

    [Fact]
    public void Restore_SamePeriod_ResumesFromTheSavedCount_AndIgnoresReports()
    {
        var ledger = new CounterLedger(RateLimitWindow.Hour);
        var hourStart = RateLimitWindow.Hour.PeriodAt(Noon).StartMs;
        ledger.Restore(hourStart, 90, Noon);

        var grant = ledger.Lease(Ask("a", limit: 100, tokens: 50, periodStart: hourStart, held: 30), Noon);

        Assert.Equal(10, grant.Tokens);
        Assert.Equal(0, grant.Remaining);
    }

    [Fact]
    public void Restore_EndedPeriod_IsIgnored()
    {
        var ledger = new CounterLedger(RateLimitWindow.Hour);
        ledger.Restore(RateLimitWindow.Hour.PeriodAt(Noon).StartMs - 3_600_000, 90, Noon);

        Assert.Equal(50, ledger.Lease(Ask("a", limit: 100, tokens: 50), Noon).Tokens);
    }

    private static CounterAsk Ask(string node, long limit, long tokens, long periodStart = 0, long held = 0, int knownNodes = 1) =>
        new(node, "second", limit, tokens, periodStart, held, knownNodes);
}
