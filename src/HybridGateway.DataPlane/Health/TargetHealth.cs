namespace HybridGateway.DataPlane.Health;

/// <summary>
/// A target's health as Kong's health checker keeps it: counters of successes, HTTP failures,
/// TCP failures and timeouts, shared by active and passive reports. A report of one kind resets
/// the opposite counters; reaching a threshold flips the state and starts the counters afresh.
/// An operator's override (healthy or unhealthy) holds until the next flip by reports.
/// </summary>
public sealed class TargetHealth
{
    private readonly Lock _gate = new();
    private static long _epoch;
    private volatile bool _healthy = true;
    private int _successes;
    private int _httpFailures;
    private int _tcpFailures;
    private int _timeouts;

    public bool Healthy => _healthy;

    /// <summary>Goes up by one whenever any target's health changes, so that caches of health know when to look again.</summary>
    public static long Epoch => Volatile.Read(ref _epoch);

    /// <summary>Why the state last changed ("3 HTTP failures"), for /status and the log.</summary>
    public string LastChange { get; private set; } = "";

    /// <summary>Counts a report against the thresholds; true when it flipped the state.</summary>
    public bool Report(HealthReport report, HealthRules.Thresholds thresholds)
    {
        if (report == HealthReport.None)
        {
            return false;
        }
        lock (_gate)
        {
            if (report == HealthReport.Success)
            {
                _httpFailures = _tcpFailures = _timeouts = 0;
                if (_healthy || thresholds.Successes == 0 || ++_successes < thresholds.Successes)
                {
                    return false;
                }
                return Flip(true, _successes + " successes");
            }
            _successes = 0;
            if (!_healthy)
            {
                return false;
            }
            var (count, limit, what) = report switch
            {
                HealthReport.HttpFailure => (++_httpFailures, thresholds.HttpFailures, " HTTP failures"),
                HealthReport.TcpFailure => (++_tcpFailures, thresholds.TcpFailures, " TCP failures"),
                _ => (++_timeouts, thresholds.Timeouts, " timeouts"),
            };
            return limit > 0 && count >= limit && Flip(false, count + what);
        }
    }

    /// <summary>Sets the state by hand (the Admin API's healthy/unhealthy); true when it changed.</summary>
    public bool Set(bool healthy, string reason)
    {
        lock (_gate)
        {
            return _healthy != healthy && Flip(healthy, reason);
        }
    }

    private bool Flip(bool healthy, string reason)
    {
        _healthy = healthy;
        _successes = _httpFailures = _tcpFailures = _timeouts = 0;
        LastChange = reason;
        Interlocked.Increment(ref _epoch);
        return true;
    }
}
