using System.Globalization;
using HybridGateway.Configuration.State;
using HybridGateway.ControlPlane.AdminAuth;
using HybridGateway.ControlPlane.Store;
using HybridGateway.ControlPlane.Telemetry;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>
/// Runs an Admin API write: plan it against the current state, commit it, and when another write
/// got in first, plan again on the newer state (unless the client pinned a version with If-Match).
/// </summary>
public sealed class ConfigWriter(ConfigStore store)
{
    public const string VersionHeader = "X-Config-Version";
    private const int Attempts = 5;

    // Writes through this replica take turns, so they never race each other; races with other
    // replicas are settled by the event store's optimistic concurrency and a retry here.
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task<IResult> WriteAsync(HttpContext http, Func<ConfigState, WritePlan> plan)
    {
        if (!TryContext(http, out var context, out var error))
        {
            return error!;
        }
        using var span = ControlPlaneTracing.StartWrite(http, context!.Operation, context.Actor);
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(Random.Shared.Next(5, 50 * attempt), http.RequestAborted);
            }
            await _turn.WaitAsync(http.RequestAborted);
            ConfigState state;
            WritePlan planned;
            CommitResult result;
            try
            {
                state = await store.GetCurrentAsync(http.RequestAborted);
                planned = plan(state);
                if (planned.Rejection is { } rejection)
                {
                    ControlPlaneTracing.EndWrite(span, "rejected", state.Version, attempt);
                    return rejection;
                }
                result = await store.CommitAsync(state, planned.Changes, context!, http.RequestAborted);
            }
            finally
            {
                _turn.Release();
            }
            switch (result.Status)
            {
                case CommitStatus.Committed or CommitStatus.Unchanged:
                    ControlPlaneTracing.EndWrite(span, result.Status == CommitStatus.Committed ? "committed" : "unchanged", result.State!.Version, attempt);
                    http.Response.Headers[VersionHeader] = result.State!.Version.ToString(CultureInfo.InvariantCulture);
                    return planned.OnSuccess!(result.State);
                case CommitStatus.Invalid:
                    ControlPlaneTracing.EndWrite(span, "invalid", result.CurrentVersion, attempt);
                    return KongErrors.FromConfigErrors(result.Errors);
                case CommitStatus.Conflict when context!.IfMatch is not null || attempt == Attempts:
                    ControlPlaneTracing.EndWrite(span, "conflict", result.CurrentVersion, attempt);
                    return KongErrors.VersionConflict(context.IfMatch ?? state.Version, result.CurrentVersion);
            }
        }
    }

    /// <summary>Who writes (the token's name), why (X-Change-Reason) and on which version (If-Match).</summary>
    public static bool TryContext(HttpContext http, out ChangeContext? context, out IResult? error)
    {
        context = null;
        error = null;
        long? ifMatch = null;
        var header = http.Request.Headers.IfMatch.ToString();
        if (header.Length > 0)
        {
            var text = header.Trim().TrimStart('W', '/').Trim('"');
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                error = KongErrors.BadRequest("If-Match must be a config version number, such as If-Match: 12");
                return false;
            }
            ifMatch = version;
        }
        var reason = http.Request.Headers["X-Change-Reason"].ToString();
        if (reason.Length > 1000 || reason.Any(char.IsControl))
        {
            error = KongErrors.BadRequest("X-Change-Reason must be at most 1000 printable characters");
            return false;
        }
        var actor = http.Items[AdminAuthMiddleware.ActorItem] as string ?? "anonymous";
        context = new ChangeContext(actor, reason.Length > 0 ? reason : null, http.Request.Method + " " + OperationPath(http), ifMatch);
        return true;
    }

    /// <summary>
    /// The path as recorded in the (permanent) event log: the route template with its values, except
    /// an API key named in the URL (<c>/consumers/{c}/key-auth/{key}</c>), which is never recorded.
    /// </summary>
    private static string OperationPath(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } text } endpoint)
        {
            return http.Request.Path.Value ?? "/";
        }
        var secretKey = text.Contains("key-auth", StringComparison.Ordinal);
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            if (parameter.Name == "key" && secretKey)
            {
                continue;
            }
            text = text.Replace("{" + parameter.Name + "}", http.GetRouteValue(parameter.Name)?.ToString(), StringComparison.Ordinal);
        }
        return text;
    }
}
