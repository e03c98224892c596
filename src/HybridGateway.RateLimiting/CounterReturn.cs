namespace HybridGateway.RateLimiting;

/// <summary>Unspent tokens a node gives back.</summary>
[GenerateSerializer]
[Alias("hgw.CounterReturn")]
[Immutable]
public sealed record CounterReturn(
    [property: Id(0)] string Node,
    [property: Id(1)] long PeriodStartUnixMs,
    [property: Id(2)] long Tokens);
