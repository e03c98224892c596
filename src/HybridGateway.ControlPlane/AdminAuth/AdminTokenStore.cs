using System.Security.Cryptography;
using System.Text;
using Marten;

namespace HybridGateway.ControlPlane.AdminAuth;

/// <summary>
/// Admin API tokens, kept as SHA-256 hashes in PostgreSQL and in memory. A presented token is
/// hashed and compared with every stored hash in constant time.
/// </summary>
public sealed partial class AdminTokenStore(IDocumentStore store, TimeProvider clock, ILogger<AdminTokenStore> logger)
{
    /// <summary>The bootstrap token has a fixed id, so replicas starting together create it once.</summary>
    public static readonly Guid BootstrapId = new("00000000-0000-4000-8000-00000000b007");

    private static readonly TimeSpan RefreshAfterMiss = TimeSpan.FromSeconds(5);

    private volatile IReadOnlyList<(string Name, byte[] Hash)> _tokens = [];
    private long _lastRefreshTicks;

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>
    /// Makes sure a token exists: the configured one (replacing an older bootstrap token), or a
    /// generated one when the store has none. Returns the generated token so it can be shown once.
    /// </summary>
    public async Task<string?> EnsureBootstrapAsync(string? configured, CancellationToken cancellation)
    {
        string? generated = null;
        await using (var session = store.LightweightSession())
        {
            if (!string.IsNullOrEmpty(configured))
            {
                session.Store(NewToken(configured));
                await session.SaveChangesAsync(cancellation);
            }
            else if (!await session.Query<AdminToken>().AnyAsync(cancellation))
            {
                generated = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
                session.Insert(NewToken(generated));
                try
                {
                    await session.SaveChangesAsync(cancellation);
                }
                catch (Exception e) when (e.GetType().Name.Contains("Existing", StringComparison.Ordinal) || e.InnerException is Npgsql.PostgresException)
                {
                    generated = null; // another replica generated it first
                }
            }
        }
        await RefreshAsync(cancellation);
        return generated;
    }

    /// <summary>The name of the token presented, or null when it matches none.</summary>
    public async ValueTask<string?> AuthenticateAsync(string? presented, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }
        var hash = Hash(presented);
        var name = Match(hash);
        if (name is null && clock.GetUtcNow().Ticks - Interlocked.Read(ref _lastRefreshTicks) > RefreshAfterMiss.Ticks)
        {
            // A token added through another replica is picked up here.
            await RefreshAsync(cancellation);
            name = Match(hash);
        }
        return name;
    }

    public async Task RefreshAsync(CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        var tokens = await session.Query<AdminToken>().ToListAsync(cancellation);
        _tokens = tokens.Select(t => (t.Name, Convert.FromHexString(t.TokenHash))).ToArray();
        Interlocked.Exchange(ref _lastRefreshTicks, clock.GetUtcNow().Ticks);
        LogLoaded(logger, tokens.Count);
    }

    private string? Match(byte[] hash)
    {
        string? match = null;
        foreach (var (name, stored) in _tokens)
        {
            // No early exit: the time taken does not tell which token, or how much of it, matched.
            if (CryptographicOperations.FixedTimeEquals(hash, stored))
            {
                match = name;
            }
        }
        return match;
    }

    private AdminToken NewToken(string token) => new()
    {
        Id = BootstrapId,
        Name = "bootstrap",
        TokenHash = Convert.ToHexStringLower(Hash(token)),
        CreatedAt = clock.GetUtcNow(),
    };

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Loaded {Count} admin token hashes")]
    private static partial void LogLoaded(ILogger logger, int count);
}
