namespace HybridGateway.DataPlane.RateLimiting;

/// <summary>The outcome of taking one token from a window's counter.</summary>
public enum TakeOutcome
{
    /// <summary>A token was taken.</summary>
    Taken,

    /// <summary>The window's limit is reached.</summary>
    Exhausted,

    /// <summary>The counters could not be reached: the instance's fallback decides.</summary>
    Unavailable,
}

/// <summary>A take's outcome and what the window has left after it, for the X-RateLimit-Remaining headers.</summary>
public readonly record struct TakeResult(TakeOutcome Outcome, long Remaining);
