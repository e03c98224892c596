using System.Security.Cryptography;
using System.Text;
using Marten;

namespace HybridGateway.ControlPlane.AdminAuth;

/// <summary>
/// Admin API tokens, kept as SHA-256 hashes in PostgreSQL and in memory. A presented token is
/// hashed and compared with every stored hash in constant time. A change made on any replica is
/// announced to every replica (NOTIFY on the config channel), which reads the tokens again.
/// </summary>
public sealed partial class AdminTokenStore(IDocumentStore store, TimeProvider clock, ILogger<AdminTokenStore> logger)
{
    /// <summary>The bootstrap token has a fixed id, so replicas starting together create it once.</summary>
    public static readonly Guid BootstrapId = new("00000000-0000-4000-8000-00000000b007");

    private static readonly TimeSpan RefreshAfterMiss = TimeSpan.FromSeconds(5);

    private volatile IReadOnlyList<(AdminToken Token, byte[] Hash)> _tokens = [];
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

    /// <summary>The token presented, or null when it matches none or has expired.</summary>
    public async ValueTask<AdminPrincipal?> AuthenticateAsync(string? presented, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }
        var hash = Hash(presented);
        var token = Match(hash);
        if (token is null && clock.GetUtcNow().Ticks - Interlocked.Read(ref _lastRefreshTicks) > RefreshAfterMiss.Ticks)
        {
            // A token added through another replica is picked up here.
            await RefreshAsync(cancellation);
            token = Match(hash);
        }
        if (token is null || token.ExpiresAt <= clock.GetUtcNow())
        {
            return null;
        }
        return new AdminPrincipal(token.Name, token.Role, token.Tags);
    }

    /// <summary>The tokens, without their hashes' use: for listing.</summary>
    public IReadOnlyList<AdminToken> All => _tokens.Select(t => t.Token).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();

    public async Task RefreshAsync(CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        var tokens = await session.Query<AdminToken>().ToListAsync(cancellation);
        _tokens = tokens.Select(t => (t, Convert.FromHexString(t.TokenHash))).ToArray();
        Interlocked.Exchange(ref _lastRefreshTicks, clock.GetUtcNow().Ticks);
        LogLoaded(logger, tokens.Count);
    }

    /// <summary>Stores a new token (its hash only) and returns the secret, which is shown once. Null when the name is taken.</summary>
    public async Task<string?> CreateAsync(AdminToken token, CancellationToken cancellation)
    {
        await RefreshAsync(cancellation);
        if (_tokens.Any(t => t.Token.Name == token.Name))
        {
            return null;
        }
        var secret = "hgw_" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
        await SaveAndAnnounceAsync(session => session.Insert(token with
        {
            Id = Guid.NewGuid(),
            TokenHash = Convert.ToHexStringLower(Hash(secret)),
            CreatedAt = clock.GetUtcNow(),
        }), cancellation);
        return secret;
    }

    /// <summary>Revokes a token by name or id; false when there is none. Refused at once on this replica, within a notification on the others.</summary>
    public async Task<bool> RevokeAsync(string key, CancellationToken cancellation)
    {
        await RefreshAsync(cancellation);
        var token = _tokens.Select(t => t.Token).FirstOrDefault(t => t.Name == key || t.Id.ToString() == key);
        if (token is null)
        {
            return false;
        }
        await SaveAndAnnounceAsync(session => session.Delete<AdminToken>(token.Id), cancellation);
        return true;
    }

    private async Task SaveAndAnnounceAsync(Action<IDocumentSession> change, CancellationToken cancellation)
    {
        await using (var session = store.LightweightSession())
        {
            change(session);
            session.QueueSqlCommand("select pg_notify('" + Store.ConfigNotifications.Channel + "', 'tokens')");
            await session.SaveChangesAsync(cancellation);
        }
        await RefreshAsync(cancellation);
    }

    private AdminToken? Match(byte[] hash)
    {
        AdminToken? match = null;
        foreach (var (token, stored) in _tokens)
        {
            // No early exit: the time taken does not tell which token, or how much of it, matched.
            if (CryptographicOperations.FixedTimeEquals(hash, stored))
            {
                match = token;
            }
        }
        return match;
    }

    private AdminToken NewToken(string token) => new()
    {
        Id = BootstrapId,
        Name = "bootstrap",
        Role = AdminRoles.Admin,
        TokenHash = Convert.ToHexStringLower(Hash(token)),
        CreatedAt = clock.GetUtcNow(),
    };

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Loaded {Count} admin token hashes")]
    private static partial void LogLoaded(ILogger logger, int count);
}
