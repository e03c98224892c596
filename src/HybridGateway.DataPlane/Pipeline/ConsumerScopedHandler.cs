using System.Collections.Frozen;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>
/// One plugin's place in a route's chain when some of its instances are scoped to consumers: the
/// instance for the consumer identified so far (by the auth plugins, which run first) when it is
/// more specific than the route's own, else the route's own instance (or nothing).
/// </summary>
public sealed class ConsumerScopedHandler(PluginHandler? fallback, FrozenDictionary<Guid, PluginHandler> byConsumer)
    : PluginHandler(fallback?.Plugin ?? byConsumer.Values.First().Plugin)
{
    public PluginHandler? Fallback { get; } = fallback;

    public FrozenDictionary<Guid, PluginHandler> ByConsumer { get; } = byConsumer;

    public override ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Consumer is { } consumer && ByConsumer.TryGetValue(consumer.Id, out var scoped))
        {
            return scoped.AccessAsync(request);
        }
        return Fallback?.AccessAsync(request) ?? ValueTask.FromResult(true);
    }

    public override bool HasLogPhase => Fallback?.HasLogPhase == true || ByConsumer.Values.Any(h => h.HasLogPhase);

    /// <summary>The log phase of the instance the access phase chose: the consumer's, else the route's own.</summary>
    public override void Log(HttpContext http, AccessLog.ProxyOutcome outcome, double totalMs)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var chosen = outcome.Consumer is { } consumer && ByConsumer.TryGetValue(consumer.Id, out var scoped) ? scoped : Fallback;
        if (chosen is { HasLogPhase: true })
        {
            chosen.Log(http, outcome, totalMs);
        }
    }
}
