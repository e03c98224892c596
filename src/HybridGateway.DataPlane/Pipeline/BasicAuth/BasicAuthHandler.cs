using System.Text;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.DataPlane.Proxy;
using HybridGateway.Plugins.BasicAuth;

namespace HybridGateway.DataPlane.Pipeline.BasicAuth;

/// <summary>
/// basic-auth's access phase, as Kong 3's: credentials from Proxy-Authorization, then
/// Authorization (<c>Basic base64(username:password)</c>); the credential found by username and
/// its stored password hash checked (<see cref="VerifiedPasswords"/>); the consumer's headers go
/// upstream, with the credential named by its username; any failure is a 401 "Unauthorized" with
/// <c>WWW-Authenticate: Basic realm="…"</c>, or the anonymous consumer when one is configured
/// (and a request another auth plugin already identified is left alone, Kong's logical OR).
/// </summary>
public sealed class BasicAuthHandler : PluginHandler
{
    public static readonly byte[] Unauthorized = ProxyResponses.Body("Unauthorized");

    private static readonly UniqueKey ByUsername = EntityKinds.BasicAuthCredentials.UniqueKeys[0];

    private readonly BasicAuthConfig _config;
    private readonly VerifiedPasswords _passwords;
    private readonly string _challenge;

    public BasicAuthHandler(Plugin plugin, BasicAuthConfig config, VerifiedPasswords passwords)
        : base(plugin)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _passwords = passwords;
        _challenge = "Basic realm=\"" + config.Realm + "\"";
    }

    public override async ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_config.Anonymous is not null && request.Credential is not null)
        {
            return true;
        }
        var headers = request.Http.Request.Headers;
        var found = false;
        foreach (var name in new[] { "Proxy-Authorization", "Authorization" })
        {
            if (headers.TryGetValue(name, out var values) && values.Count > 0)
            {
                request.RedactInLogs(name);
                if (!found && Parse(values[0]) is var (username, password) && await IdentifyAsync(request, username, password))
                {
                    found = true;
                }
            }
        }
        if (!found)
        {
            return await AuthFailure.HandleAsync(request, _config.Anonymous, _challenge, Unauthorized);
        }
        if (_config.HideCredentials)
        {
            headers.Remove("Proxy-Authorization");
            headers.Remove("Authorization");
        }
        return true;
    }

    private async ValueTask<bool> IdentifyAsync(PluginRequest request, string username, string password)
    {
        var state = request.Config.State;
        if (state.FindUnique(EntityKinds.BasicAuthCredentials, ByUsername.Text(username)) is not BasicAuthCredential credential
            || credential.Consumer is not { } owner
            || state.Find<Consumer>(owner.Id) is not { } consumer
            || !await _passwords.MatchesAsync(credential.Id, credential.PasswordHash, password, request.Http.RequestAborted))
        {
            return false;
        }
        ConsumerHeaders.Set(request.Http.Request.Headers, consumer, credential, credential.Username);
        request.Authenticate(consumer, credential);
        return true;
    }

    /// <summary>"Basic" (any case, any spaces), then base64 of username:password; the username may not be empty. Null when malformed.</summary>
    public static (string Username, string Password)? Parse(string? header)
    {
        var value = (header ?? "").Trim();
        if (value.Length < 6 || !value.StartsWith("basic", StringComparison.OrdinalIgnoreCase) || !char.IsWhiteSpace(value[5]))
        {
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value[5..].Trim());
        }
        catch (FormatException)
        {
            return null;
        }
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
    }
}
