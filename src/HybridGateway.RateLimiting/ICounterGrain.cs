namespace HybridGateway.RateLimiting;

/// <summary>
/// One cluster-wide counter: a plugin instance's limit key in one window. Its key is the lease
/// protocol's counter name, <c>"&lt;plugin id&gt;:&lt;window&gt;:&lt;key hash&gt;"</c>.
/// </summary>
[Alias("hgw.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Grants up to the tokens asked for in the current period, never past the limit.</summary>
    [Alias("Lease")]
    Task<CounterGrant> Lease(CounterAsk ask);

    /// <summary>Takes back unspent tokens of the current period; tokens of an ended period are dropped.</summary>
    [Alias("Return")]
    Task Return(CounterReturn returned);
}
