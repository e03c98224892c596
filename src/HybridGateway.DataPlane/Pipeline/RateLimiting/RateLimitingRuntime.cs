using System.Collections.Concurrent;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.RateLimiting;
using HybridGateway.Plugins.RateLimiting;

namespace HybridGateway.DataPlane.Pipeline.RateLimiting;

/// <summary>
/// rate-limiting on the data plane. One handler per plugin instance, kept while its config is
/// unchanged, so every route of a global or service instance counts in the same counters (as
/// Kong keys them by the plugin's scope, not the request's route) and a config change elsewhere
/// does not reset them.
/// </summary>
public sealed class RateLimitingRuntime(ILeaseSource? leases, RateLimitStats stats, TimeProvider clock)
    : PluginRuntime<RateLimitingDefinition, RateLimitingConfig>
{
    /// <summary>
    /// A handler compiled this recently survives a sweep that does not see its plugin: a config is
    /// compiled before it is swapped in, so the sweeper may still be looking at the one before.
    /// </summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, (RateLimitingConfig Config, RateLimitingHandler Handler, long Compiled)> _handlers = new();

    public RateLimitStats Stats { get; } = stats;

    public IEnumerable<RateLimitingHandler> Handlers => _handlers.Values.Select(h => h.Handler);

    /// <summary>Forgets the instances the config no longer has.</summary>
    public void Retain(IReadOnlySet<Guid> live)
    {
        var recent = clock.GetTimestamp() - (long)(Grace.TotalSeconds * clock.TimestampFrequency);
        var kept = new HashSet<Guid>(live);
        foreach (var (id, entry) in _handlers)
        {
            if (live.Contains(id))
            {
                continue;
            }
            if (entry.Compiled > recent)
            {
                kept.Add(id);
            }
            else
            {
                _handlers.TryRemove(id, out _);
            }
        }
        Stats.Retain(kept);
    }

    protected override PluginHandler Compile(Plugin plugin, RateLimitingConfig config)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        return _handlers.AddOrUpdate(
            plugin.Id,
            (_, arg) => (arg.config, new RateLimitingHandler(arg.plugin, arg.config, leases, Stats, clock), clock.GetTimestamp()),
            (_, existing, arg) => existing.Config == arg.config ? existing : (arg.config, new RateLimitingHandler(arg.plugin, arg.config, leases, Stats, clock), clock.GetTimestamp()),
            (plugin, config)).Handler;
    }
}
