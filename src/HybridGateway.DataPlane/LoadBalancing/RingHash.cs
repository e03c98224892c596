namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>
/// A 64-bit hash that is the same in every process and on every node (FNV-1a, then a final mix),
/// so the same key reaches the same target wherever it arrives. <see cref="HashCode"/> is seeded
/// per process and would not.
/// </summary>
public static class RingHash
{
    public static ulong Of(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return Mix(hash);
    }

    /// <summary>splitmix64's finaliser: spreads nearby inputs over the whole range.</summary>
    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9UL;
        value = (value ^ (value >> 27)) * 0x94d049bb133111ebUL;
        return value ^ (value >> 31);
    }
}
