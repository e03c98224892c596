namespace HybridGateway.Plugins.RateLimiting;

/// <summary>
/// One of Kong's fixed windows. Each is aligned to the UTC clock as Kong aligns it: seconds,
/// minutes, hours and days by division, months and years at the calendar's start. <see cref="Seconds"/>
/// is Kong's nominal length (a month is 30 days), used for RateLimit-Reset as Kong does.
/// </summary>
public sealed class RateLimitWindow
{
    private RateLimitWindow(int index, string name, string title, long seconds)
    {
        Index = index;
        Name = name;
        Seconds = seconds;
        LimitHeader = "X-RateLimit-Limit-" + title;
        RemainingHeader = "X-RateLimit-Remaining-" + title;
    }

    public static RateLimitWindow Second { get; } = new(0, "second", "Second", 1);

    public static RateLimitWindow Minute { get; } = new(1, "minute", "Minute", 60);

    public static RateLimitWindow Hour { get; } = new(2, "hour", "Hour", 3_600);

    public static RateLimitWindow Day { get; } = new(3, "day", "Day", 86_400);

    public static RateLimitWindow Month { get; } = new(4, "month", "Month", 2_592_000);

    public static RateLimitWindow Year { get; } = new(5, "year", "Year", 31_536_000);

    /// <summary>Shortest first, as Kong lists them.</summary>
    public static IReadOnlyList<RateLimitWindow> All { get; } = [Second, Minute, Hour, Day, Month, Year];

    public int Index { get; }

    public string Name { get; }

    public long Seconds { get; }

    public string LimitHeader { get; }

    public string RemainingHeader { get; }

    public static RateLimitWindow? Find(string name)
    {
        foreach (var window in All)
        {
            if (window.Name == name)
            {
                return window;
            }
        }
        return null;
    }

    /// <summary>The period holding <paramref name="unixMs"/>: its start and end, in Unix milliseconds.</summary>
    public (long StartMs, long EndMs) PeriodAt(long unixMs)
    {
        if (Index <= Day.Index)
        {
            var length = Seconds * 1000;
            var start = unixMs - (((unixMs % length) + length) % length);
            return (start, start + length);
        }
        var at = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
        var first = Index == Month.Index
            ? new DateTimeOffset(at.Year, at.Month, 1, 0, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(at.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var next = Index == Month.Index ? first.AddMonths(1) : first.AddYears(1);
        return (first.ToUnixTimeMilliseconds(), next.ToUnixTimeMilliseconds());
    }

    /// <summary>The configured limit for this window, or null when the config sets none.</summary>
    public double? LimitIn(RateLimitingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Index switch
        {
            0 => config.Second,
            1 => config.Minute,
            2 => config.Hour,
            3 => config.Day,
            4 => config.Month,
            _ => config.Year,
        };
    }

    public override string ToString() => Name;
}
