using System.Security.Cryptography;
using System.Text;
using HybridGateway.Plugins.RateLimiting;

namespace HybridGateway.DataPlane.RateLimiting;

/// <summary>
/// One limit key of one instance (a consumer, an IP, a header value...): its counter in each
/// configured window, leased from the cluster or local. The key itself never leaves the node: the
/// cluster counter is named by a hash of it (a header can carry a secret).
/// </summary>
public sealed class RateLimitKey
{
    public RateLimitKey(Guid pluginId, string identifier, IReadOnlyList<(RateLimitWindow Window, long Limit)> windows, ILeaseSource? source, RateLimitStats stats, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(identifier)), 0, 18).Replace('+', '-').Replace('/', '_');
        Local = new LocalWindowCounter[windows.Count];
        Leased = source is null ? null : new LeasedCounter[windows.Count];
        for (var i = 0; i < windows.Count; i++)
        {
            Local[i] = new LocalWindowCounter(windows[i].Window);
            if (Leased is not null)
            {
                Leased[i] = new LeasedCounter(pluginId.ToString("N") + ":" + windows[i].Window.Name + ":" + hash, windows[i].Window, windows[i].Limit, source!, stats, clock);
            }
        }
    }

    public LocalWindowCounter[] Local { get; }

    public LeasedCounter[]? Leased { get; }

    /// <summary>The last time (Unix ms) a request used this key.</summary>
    public long LastUsedMs { get; set; }
}
