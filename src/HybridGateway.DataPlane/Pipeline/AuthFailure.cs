using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.DataPlane.Proxy;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>
/// What an auth plugin does when it cannot identify the consumer, as Kong's: with <c>anonymous</c>
/// set, carry on as the anonymous consumer (a missing one is a 500); without, answer 401 with the
/// plugin's challenge.
/// </summary>
public static class AuthFailure
{
    private static readonly UniqueKey ByUsername = EntityKinds.Consumers.UniqueKeys[0];

    /// <summary>True when the request goes on (as the anonymous consumer); false when it was answered.</summary>
    public static async ValueTask<bool> HandleAsync(PluginRequest request, string? anonymous, string challenge, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http;
        if (anonymous is not null)
        {
            if (Find(request.Config.State, anonymous) is not { } consumer)
            {
                await ProxyResponses.WriteAsync(http, StatusCodes.Status500InternalServerError,
                    ProxyResponses.Body("anonymous consumer " + anonymous + " is configured but doesn't exist"));
                return false;
            }
            ConsumerHeaders.Set(http.Request.Headers, consumer, null);
            request.Authenticate(consumer, null);
            return true;
        }
        http.Response.Headers.WWWAuthenticate = challenge;
        await ProxyResponses.WriteAsync(http, StatusCodes.Status401Unauthorized, body);
        return false;
    }

    /// <summary>The anonymous consumer is named by id, or else by username (which may itself look like an id).</summary>
    public static Consumer? Find(ConfigState state, string anonymous) =>
        (Guid.TryParse(anonymous, out var id) ? state.Find<Consumer>(id) : null)
            ?? state.FindUnique(EntityKinds.Consumers, ByUsername.Text(anonymous)) as Consumer;
}
