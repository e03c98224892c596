namespace HybridGateway.RateLimiting;

/// <summary>Tokens granted for one period, what the counter has left, and how long the tokens stay valid.</summary>
[GenerateSerializer]
[Alias("hgw.CounterGrant")]
[Immutable]
public sealed record CounterGrant(
    [property: Id(0)] long Tokens,
    [property: Id(1)] long Remaining,
    [property: Id(2)] long PeriodStartUnixMs,
    [property: Id(3)] long TtlMs,
    [property: Id(4)] int LiveNodes);
