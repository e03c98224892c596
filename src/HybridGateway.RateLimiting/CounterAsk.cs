namespace HybridGateway.RateLimiting;

/// <summary>A node's ask for tokens, with what it already holds of the period it last saw (to rebuild a restarted counter).</summary>
[GenerateSerializer]
[Alias("hgw.CounterAsk")]
[Immutable]
public sealed record CounterAsk(
    [property: Id(0)] string Node,
    [property: Id(1)] string Window,
    [property: Id(2)] long Limit,
    [property: Id(3)] long Tokens,
    [property: Id(4)] long PeriodStartUnixMs,
    [property: Id(5)] long HeldInPeriod,
    [property: Id(6)] int KnownNodes = 1);
