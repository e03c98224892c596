using System.Collections.Concurrent;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Plugins;

namespace HybridGateway.DataPlane.Pipeline.Logging;

/// <summary>A log plugin's runtime as the node sees it: its instances' queues, for the sweeper and the status figures.</summary>
public interface IQueuedLogRuntime
{
    string Name { get; }

    IEnumerable<(Guid PluginId, LogQueue Queue)> Queues { get; }

    /// <summary>Stops the queues of instances the config no longer has (what they hold is sent first).</summary>
    void Retain(IReadOnlySet<Guid> live);
}

/// <summary>
/// A plugin whose log phase feeds a <see cref="LogQueue"/>. One queue per instance, kept while the
/// instance's config is unchanged (so a config change elsewhere loses nothing); a replaced or
/// removed instance's queue takes no more entries after a grace period, sends what it holds, and stops.
/// </summary>
public abstract class QueuedLogRuntime<TDefinition, TConfig>(TimeProvider clock, ILoggerFactory loggers)
    : PluginRuntime<TDefinition, TConfig>, IQueuedLogRuntime
    where TDefinition : PluginDefinition, new()
{
    /// <summary>Requests still being answered with the previous config may log into its queue this long.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>How long a newly compiled instance survives sweeps that do not see it yet.</summary>
    private static readonly TimeSpan CompileGrace = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, Instance> _instances = new();
    private readonly ILogger _logger = loggers.CreateLogger("HybridGateway.DataPlane.Pipeline.Logging.LogQueue");

    public string Name => Definition.Name;

    public IEnumerable<(Guid PluginId, LogQueue Queue)> Queues => _instances.Select(i => (i.Key, i.Value.Queue));

    protected TimeProvider Clock { get; } = clock;

    public void Retain(IReadOnlySet<Guid> live)
    {
        ArgumentNullException.ThrowIfNull(live);
        // An instance compiled within the grace period is kept even if the config the sweeper sees
        // lacks it: a config is compiled before it is swapped in.
        var recent = Clock.GetTimestamp() - (long)(CompileGrace.TotalSeconds * Clock.TimestampFrequency);
        foreach (var (id, instance) in _instances)
        {
            if (!live.Contains(id) && instance.Compiled <= recent && _instances.TryRemove(new KeyValuePair<Guid, Instance>(id, instance)))
            {
                Retire(instance.Queue);
            }
        }
    }

    protected sealed override PluginHandler Compile(Plugin plugin, TConfig config)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var raw = plugin.Config?.GetRawText() ?? "";
        if (_instances.TryGetValue(plugin.Id, out var existing) && existing.Config == raw)
        {
            return existing.Handler;
        }
        var (send, owned) = Sender(plugin, config);
        var queue = new LogQueue(Name + " " + plugin.Id, QueueSettings(config), send, Clock, _logger, owned);
        var instance = new Instance(raw, CreateHandler(plugin, config, queue), queue, Clock.GetTimestamp());
        _instances[plugin.Id] = instance;
        if (existing is not null)
        {
            Retire(existing.Queue);
        }
        return instance.Handler;
    }

    protected abstract LogQueueSettings QueueSettings(TConfig config);

    /// <summary>How a batch is delivered, and what that uses (disposed with the queue).</summary>
    protected abstract (Func<IReadOnlyList<byte[]>, CancellationToken, Task<string?>> Send, IDisposable? Owned) Sender(Plugin plugin, TConfig config);

    protected abstract PluginHandler CreateHandler(Plugin plugin, TConfig config, LogQueue queue);

    private void Retire(LogQueue queue) => _ = Task.Run(async () =>
    {
        await Task.Delay(Grace, Clock);
        await queue.DisposeAsync();
    });

    private sealed record Instance(string Config, PluginHandler Handler, LogQueue Queue, long Compiled);
}
