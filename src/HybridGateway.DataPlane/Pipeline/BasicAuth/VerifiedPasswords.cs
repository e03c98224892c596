using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using HybridGateway.Configuration.Credentials;

namespace HybridGateway.DataPlane.Pipeline.BasicAuth;

/// <summary>
/// Password checks for basic-auth. A stored hash is PBKDF2 with many iterations, far too slow to
/// run on every request: a password that matched is remembered, per credential and for a few
/// minutes, as an HMAC under a key this process draws at start (never the password itself), and
/// later requests compare against that in constant time. Slow checks run a few at a time, so
/// guessing cannot take every core.
/// </summary>
public sealed class VerifiedPasswords
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<Guid, Entry> _verified = new();
    private readonly SemaphoreSlim _slowChecks = new(Math.Max(1, Environment.ProcessorCount / 2));
    private readonly TimeProvider _clock;

    public VerifiedPasswords(TimeProvider clock) => _clock = clock;

    public static VerifiedPasswords Shared { get; } = new(TimeProvider.System);

    private sealed record Entry(string StoredHash, byte[] Mac, DateTimeOffset Until);

    /// <summary>How many full (slow) checks have run: a cache hit runs none.</summary>
    public long SlowChecks => Interlocked.Read(ref _slowCheckCount);

    private long _slowCheckCount;

    public async ValueTask<bool> MatchesAsync(Guid credentialId, string storedHash, string password, CancellationToken cancellation)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(password));
        if (_verified.TryGetValue(credentialId, out var entry) && entry.StoredHash == storedHash && entry.Until > _clock.GetUtcNow()
            && CryptographicOperations.FixedTimeEquals(entry.Mac, mac))
        {
            return true;
        }
        await _slowChecks.WaitAsync(cancellation);
        bool matches;
        try
        {
            Interlocked.Increment(ref _slowCheckCount);
            matches = PasswordHash.Verify(password, storedHash);
        }
        finally
        {
            _slowChecks.Release();
        }
        if (matches)
        {
            var now = _clock.GetUtcNow();
            _verified[credentialId] = new Entry(storedHash, mac, now + Lifetime);
            if (_verified.Count % 1024 == 0)
            {
                // Now and then, entries past their time (deleted credentials among them) are dropped.
                foreach (var (id, old) in _verified.Where(e => e.Value.Until <= now))
                {
                    _verified.TryRemove(id, out _);
                }
            }
        }
        return matches;
    }
}
