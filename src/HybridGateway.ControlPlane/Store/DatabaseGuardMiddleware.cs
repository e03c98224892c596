using System.Text.Json.Nodes;
using Npgsql;

namespace HybridGateway.ControlPlane.Store;

/// <summary>
/// Admin API calls while the database does not answer: a 503 with the reason at once, never a
/// hang. A call already waiting on the database when it stops answering is let go (its database
/// work is cancelled) and answered the same way. /status and /metrics answer from memory.
/// </summary>
public sealed class DatabaseGuardMiddleware(RequestDelegate next, DatabaseHealth health)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (path.StartsWithSegments("/status") || path.StartsWithSegments("/metrics"))
        {
            await next(context);
            return;
        }
        if (!health.Reachable)
        {
            await UnavailableAsync(context);
            return;
        }
        var client = context.RequestAborted;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(client, health.Lost);
        context.RequestAborted = linked.Token;
        try
        {
            await next(context);
        }
        catch (Exception e) when (!client.IsCancellationRequested && !context.Response.HasStarted
            && (e is NpgsqlException || (e is OperationCanceledException or TimeoutException && !health.Reachable) || e.InnerException is NpgsqlException))
        {
            await UnavailableAsync(context);
        }
        finally
        {
            context.RequestAborted = client;
        }
    }

    private Task UnavailableAsync(HttpContext context)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        return context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["message"] = "The database is unavailable (" + (health.LastError ?? "it did not answer") + "); nothing was changed. Try again shortly.",
        }, CancellationToken.None);
    }
}
