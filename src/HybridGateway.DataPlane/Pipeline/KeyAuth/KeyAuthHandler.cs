using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.DataPlane.Proxy;
using HybridGateway.Plugins.KeyAuth;

namespace HybridGateway.DataPlane.Pipeline.KeyAuth;

/// <summary>
/// key-auth's access phase, as Kong's: the first key name found in a header (then the query)
/// gives the key; the key is looked up by its SHA-256 and compared to the stored hash in constant
/// time; the consumer's headers go upstream; failures answer 401 with a challenge, or fall back to
/// the anonymous consumer when one is configured.
/// </summary>
public sealed class KeyAuthHandler : PluginHandler
{
    public static readonly byte[] NoKey = ProxyResponses.Body("No API key found in request");
    public static readonly byte[] InvalidKey = ProxyResponses.Body("Unauthorized");
    public static readonly byte[] DuplicateKey = ProxyResponses.Body("Duplicate API key found");

    private static readonly UniqueKey ByKeyHash = EntityKinds.KeyAuthCredentials.UniqueKeys[0];

    private readonly KeyAuthConfig _config;
    private readonly string _challenge;

    public KeyAuthHandler(Plugin plugin, KeyAuthConfig config)
        : base(plugin)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        // Kong 3.8 and later (which have the realm option): "Key", or "Key realm=..." when one is set.
        _challenge = config.Realm is null ? "Key" : "Key realm=\"" + config.Realm + "\"";
    }

    public override async ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http;
        if (!_config.RunOnPreflight && HttpMethods.IsOptions(http.Request.Method))
        {
            return true;
        }
        var failure = Authenticate(request);
        return failure is null || await AuthFailure.HandleAsync(request, _config.Anonymous, _challenge, failure);
    }

    /// <summary>Null when a consumer was identified, else the body of the 401.</summary>
    private byte[]? Authenticate(PluginRequest request)
    {
        var headers = request.Http.Request.Headers;
        string? key = null;
        foreach (var name in _config.KeyNames)
        {
            // As Kong: a header, else a query argument; two values are a duplicate, and an
            // argument without a value ("?apikey") is no key under this name.
            var (count, value) = (0, (string?)null);
            if (_config.KeyInHeader && headers.TryGetValue(name, out var fromHeader) && fromHeader.Count > 0)
            {
                (count, value) = (fromHeader.Count, fromHeader[0]);
            }
            else if (_config.KeyInQuery)
            {
                (count, value) = RawQuery.Find(request.Query, name);
            }
            if (count > 0)
            {
                request.RedactInLogs(name);
            }
            if (count > 1)
            {
                return DuplicateKey;
            }
            if (count == 1 && value is not null)
            {
                key = value;
                if (_config.HideCredentials)
                {
                    headers.Remove(name);
                    request.Query = RawQuery.Without(request.Query, name);
                }
                break;
            }
        }
        if (string.IsNullOrEmpty(key))
        {
            return NoKey;
        }
        var state = request.Config.State;
        Span<byte> digest = stackalloc byte[32];
        KeyHash.Digest(key, digest);
        if (state.FindUnique(EntityKinds.KeyAuthCredentials, ByKeyHash.Text(KeyHash.Hex(digest))) is not KeyAuthCredential credential
            || !KeyHash.Matches(digest, credential.KeyHash)
            || Expired(credential)
            || credential.Consumer is not { } owner
            || state.Find<Consumer>(owner.Id) is not { } consumer)
        {
            return InvalidKey;
        }
        ConsumerHeaders.Set(headers, consumer, credential);
        request.Authenticate(consumer, credential);
        return null;
    }

    /// <summary>
    /// A key with a ttl stops working ttl seconds after it was last written (Kong restarts the ttl
    /// when a credential is written with one), by this node's clock.
    /// </summary>
    private static bool Expired(KeyAuthCredential credential) =>
        credential.Ttl is > 0 and var ttl
        && (credential.UpdatedAt != 0 ? credential.UpdatedAt : credential.CreatedAt) + ttl <= DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
