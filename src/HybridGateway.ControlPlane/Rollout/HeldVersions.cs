using System.Collections.Concurrent;
using HybridGateway.Configuration.State;
using HybridGateway.ControlPlane.Store;

namespace HybridGateway.ControlPlane.Rollout;

/// <summary>
/// Older config versions that holds keep nodes at, rebuilt from the event log once and kept while
/// a few are in use, so that every held node's session does not fold the log again.
/// </summary>
public sealed class HeldVersions(ConfigStore store)
{
    private const int Kept = 4;
    private readonly ConcurrentDictionary<long, Lazy<Task<ConfigState?>>> _states = new();

    public async Task<ConfigState> AtAsync(long version, CancellationToken cancellation)
    {
        var current = store.Cached;
        if (version == current.Version)
        {
            return current;
        }
        var build = _states.GetOrAdd(version, v => new Lazy<Task<ConfigState?>>(() => store.GetAtVersionAsync(v, CancellationToken.None)));
        if (_states.Count > Kept)
        {
            foreach (var old in _states.Keys.Order().Take(_states.Count - Kept).Where(k => k != version))
            {
                _states.TryRemove(old, out _);
            }
        }
        try
        {
            return await build.Value.WaitAsync(cancellation) ?? throw new InvalidOperationException("config version " + version + " is not in the log");
        }
        catch (Exception) when (!cancellation.IsCancellationRequested)
        {
            _states.TryRemove(version, out _); // a failed build is not kept
            throw;
        }
    }
}
