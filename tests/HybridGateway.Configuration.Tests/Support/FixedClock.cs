namespace HybridGateway.Configuration.Tests.Support;

/// <summary>A clock that always says the same time.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
