using System.Collections.Concurrent;
using System.Globalization;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Proxy;
using HybridGateway.DataPlane.RateLimiting;
using HybridGateway.Plugins.RateLimiting;

namespace HybridGateway.DataPlane.Pipeline.RateLimiting;

/// <summary>
/// rate-limiting's access phase, as Kong 3.x's: the request counts in every configured window of
/// its key; past any limit it gets <c>error_code</c> (429) with <c>error_message</c> and
/// Retry-After; otherwise it goes on. Unless <c>hide_client_headers</c>, every answer carries
/// X-RateLimit-Limit/Remaining-&lt;Window&gt; and RateLimit-Limit/Remaining/Reset for the window
/// closest to running out. The cluster policy (and redis) counts in the control plane's counters
/// through leases; when those are out of reach the instance's fallback decides.
/// </summary>
public sealed class RateLimitingHandler : PluginHandler
{
    private static readonly byte[] Unexpected = ProxyResponses.Body("An unexpected error occurred");

    private readonly RateLimitingConfig _config;
    private readonly (RateLimitWindow Window, long Limit)[] _windows;
    private readonly string[] _limitValues;
    private readonly ILeaseSource? _leases;
    private readonly RateLimitStats _stats;
    private readonly RateLimitInstanceStats _instance;
    private readonly TimeProvider _clock;
    private readonly byte[] _body;
    private readonly ConcurrentDictionary<string, RateLimitKey> _keys = new(StringComparer.Ordinal);

    public RateLimitingHandler(Plugin plugin, RateLimitingConfig config, ILeaseSource? leases, RateLimitStats stats, TimeProvider clock)
        : base(plugin)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(stats);
        _config = config;
        _windows = [.. RateLimitWindow.All.Where(w => w.LimitIn(config) is not null).Select(w => (w, (long)Math.Floor(w.LimitIn(config)!.Value)))];
        _limitValues = [.. _windows.Select(w => w.Limit.ToString(CultureInfo.InvariantCulture))];
        IsCluster = config.Policy != RateLimitingConfig.LocalPolicy;
        _leases = IsCluster ? leases : null;
        _stats = stats;
        _instance = stats.For(plugin.Id, IsCluster ? RateLimitingConfig.ClusterPolicy : RateLimitMode.Local);
        _clock = clock;
        _body = ProxyResponses.ForbidsBody(config.ErrorCode) ? [] : ProxyResponses.Body(config.ErrorMessage);
    }

    /// <summary>Whether this instance counts cluster-wide (cluster or redis) rather than per node.</summary>
    public bool IsCluster { get; }

    public RateLimitInstanceStats Stats => _instance;

    /// <summary>The keys this instance holds counters for now.</summary>
    public int LiveKeys => _keys.Count;

    public override async ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var nowMs = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var key = _keys.GetOrAdd(Identify(request), static (id, self) => new RateLimitKey(self.Plugin.Id, id, self._windows, self._leases, self._stats, self._clock), this);
        key.LastUsedMs = nowMs;
        // One small array a request: the windows' remainders outlive the awaits of a lease.
        var remaining = new long[_windows.Length];
        int stop;
        if (key.Leased is { } leased)
        {
            stop = await TakeLeasedAsync(leased, remaining);
            if (stop < -1)
            {
                return await FallbackAsync(request, key, nowMs);
            }
            _instance.Mode = RateLimitMode.Exact;
        }
        else
        {
            stop = CountLocally(key, nowMs, 1.0, remaining);
        }
        return await AnswerAsync(request, nowMs, stop, remaining);
    }

    /// <summary>Drops the keys that went quiet, giving back their unspent tokens first.</summary>
    public void Sweep(long quietSince, long idleSince, long nowMs)
    {
        foreach (var (id, key) in _keys)
        {
            var idle = key.LastUsedMs <= nowMs - 60_000;
            if (key.Leased is { } leased)
            {
                foreach (var counter in leased)
                {
                    counter.ReturnIfQuiet(quietSince);
                    idle &= counter.IsIdle(idleSince);
                }
            }
            foreach (var local in key.Local)
            {
                idle &= local.IsIdle(nowMs);
            }
            if (idle)
            {
                _keys.TryRemove(id, out _);
            }
        }
    }

    /// <summary>
    /// Takes a token in every window: the index of the window that refused (-1: none), or -2 when
    /// the counters are out of reach. Tokens taken before a refusal are put back, as Kong counts a
    /// request in no window when any window refuses it.
    /// </summary>
    private async ValueTask<int> TakeLeasedAsync(LeasedCounter[] leased, long[] remainingOut)
    {
        // A window known to be spent refuses at once, without taking (and putting back) the others' tokens.
        for (var i = 0; i < leased.Length; i++)
        {
            if (leased[i].IsExhausted())
            {
                return Refused(leased, i, remainingOut);
            }
        }
        for (var i = 0; i < leased.Length; i++)
        {
            var result = await leased[i].TakeAsync();
            if (result.Outcome == TakeOutcome.Taken)
            {
                remainingOut[i] = result.Remaining;
                continue;
            }
            for (var j = 0; j < i; j++)
            {
                leased[j].Untake();
            }
            if (result.Outcome == TakeOutcome.Unavailable)
            {
                return -2;
            }
            // Shorter windows' tokens are no use here until this window resets: other nodes may spend them.
            for (var j = 0; j < i; j++)
            {
                leased[j].ReturnUnspent();
            }
            return Refused(leased, i, remainingOut);
        }
        return -1;
    }

    private static int Refused(LeasedCounter[] leased, int stop, long[] remainingOut)
    {
        for (var j = 0; j < leased.Length; j++)
        {
            remainingOut[j] = j == stop ? 0 : leased[j].Peek();
        }
        return stop;
    }

    /// <summary>Kong's local policy: the usage of each window is checked first, and counted only when no window refuses.</summary>
    private int CountLocally(RateLimitKey key, long nowMs, double share, long[] remaining)
    {
        var stop = -1;
        for (var i = 0; i < _windows.Length; i++)
        {
            var limit = share >= 1 ? _windows[i].Limit : (long)Math.Ceiling(_windows[i].Limit * share);
            var usage = key.Local[i].Usage(nowMs);
            remaining[i] = limit - usage;
            if (usage + 1 > limit)
            {
                stop = i;
            }
        }
        if (stop >= 0)
        {
            remaining[stop]--;
            return stop;
        }
        foreach (var counter in key.Local)
        {
            counter.Increment(nowMs);
        }
        for (var i = 0; i < remaining.Length; i++)
        {
            remaining[i]--;
        }
        return stop;
    }

    private async ValueTask<bool> FallbackAsync(PluginRequest request, RateLimitKey key, long nowMs)
    {
        _instance.OnFallback();
        if (!_config.FaultTolerant)
        {
            _instance.Mode = RateLimitMode.FallbackDeny;
            await ProxyResponses.WriteAsync(request.Http, StatusCodes.Status500InternalServerError, Unexpected);
            return false;
        }
        if (_config.Fallback == RateLimitingConfig.AllowFallback)
        {
            // As Kong's fault_tolerant: the request goes on, without the rate-limit headers.
            _instance.Mode = RateLimitMode.FallbackAllow;
            _instance.OnAdmitted();
            return true;
        }
        _instance.Mode = RateLimitMode.FallbackLocalShare;
        var nodes = 1;
        foreach (var counter in key.Leased!)
        {
            nodes = Math.Max(nodes, counter.LiveNodes);
        }
        var remaining = new long[_windows.Length];
        var stop = CountLocally(key, nowMs, 1.0 / nodes, remaining);
        return await AnswerAsync(request, nowMs, stop, remaining);
    }

    private async ValueTask<bool> AnswerAsync(PluginRequest request, long nowMs, int stop, long[] remaining)
    {
        long reset = 0;
        if (!_config.HideClientHeaders)
        {
            reset = WriteHeaders(request.Http.Response.Headers, nowMs, remaining);
        }
        if (stop < 0)
        {
            _instance.OnAdmitted();
            return true;
        }
        _instance.OnLimited();
        if (!_config.HideClientHeaders)
        {
            request.Http.Response.Headers.RetryAfter = reset.ToString(CultureInfo.InvariantCulture);
        }
        await ProxyResponses.WriteAsync(request.Http, _config.ErrorCode, _body);
        return false;
    }

    /// <summary>Kong's headers; returns RateLimit-Reset (seconds), which Retry-After repeats.</summary>
    private long WriteHeaders(IHeaderDictionary headers, long nowMs, long[] remaining)
    {
        var chosen = -1;
        long chosenRemaining = 0;
        for (var i = 0; i < _windows.Length; i++)
        {
            var left = Math.Max(0, remaining[i]);
            // Kong: the window with the fewest left, the longer one among equals.
            if (chosen < 0 || left < chosenRemaining || left == chosenRemaining)
            {
                chosen = i;
                chosenRemaining = left;
            }
            headers[_windows[i].Window.LimitHeader] = _limitValues[i];
            headers[_windows[i].Window.RemainingHeader] = left.ToString(CultureInfo.InvariantCulture);
        }
        var window = _windows[chosen].Window;
        var elapsed = (nowMs - window.PeriodAt(nowMs).StartMs) / 1000;
        var reset = Math.Max(1, window.Seconds - elapsed);
        headers["RateLimit-Limit"] = _limitValues[chosen];
        headers["RateLimit-Remaining"] = chosenRemaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        return reset;
    }

    private string Identify(PluginRequest request)
    {
        string? id = _config.LimitBy switch
        {
            "consumer" => request.Consumer?.Id.ToString() ?? request.Credential?.Id.ToString(),
            "credential" => request.Credential?.Id.ToString(),
            "service" => request.Route?.Service?.Id.ToString(),
            "header" => request.Http.Request.Headers[_config.HeaderName!] is { Count: > 0 } values ? values[0] : null,
            "path" => request.Path == _config.Path ? request.Path : null,
            _ => null,
        };
        return id ?? request.ClientAddress?.ToString() ?? "";
    }
}
