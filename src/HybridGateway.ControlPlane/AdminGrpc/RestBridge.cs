using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Grpc.Core;
using HybridGateway.ControlPlane.AdminApi;
using HybridGateway.ControlPlane.AdminAuth;

namespace HybridGateway.ControlPlane.AdminGrpc;

/// <summary>
/// Runs a REST Admin API handler for a gRPC call, in process: the same token check and role rule,
/// the same handler, the same database guard and the same answer, so the two APIs cannot drift.
/// A failure becomes the gRPC status <see cref="GrpcErrors"/> maps it to.
/// </summary>
public sealed class RestBridge(AdminTokenStore tokens, Store.DatabaseHealth database)
{
    public sealed record Call(string Method, string Path)
    {
        public IReadOnlyDictionary<string, string?> Query { get; init; } = new Dictionary<string, string?>();

        public JsonNode? Body { get; init; }

        public string? RawBody { get; init; }

        public string ContentType { get; init; } = "application/json";

        public long? ExpectedVersion { get; init; }

        public string? Reason { get; init; }
    }

    /// <summary>The token in the call's metadata, or UNAUTHENTICATED.</summary>
    public async Task<AdminPrincipal> AuthenticateAsync(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = await tokens.AuthenticateAsync(AdminAuthMiddleware.PresentedToken(context.GetHttpContext().Request), context.CancellationToken);
        return principal ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "Unauthorized: send 'authorization: Bearer <token>'"));
    }

    /// <summary>Runs the handler; a success is returned, anything else thrown as its gRPC status.</summary>
    public async Task<RestReply> InvokeAsync(ServerCallContext context, Call call, Func<HttpContext, Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(handler);
        var principal = await AuthenticateAsync(context);
        var http = NewContext(context.GetHttpContext(), call);
        var dryRun = call.Query.TryGetValue("dry_run", out var dry) && dry == "true";
        if (AdminAccess.Refusal(principal, call.Method, call.Path, dryRun) is { } refusal)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Forbidden: " + refusal));
        }
        if (!database.Reachable)
        {
            throw Unavailable();
        }
        AdminAuthMiddleware.Admit(http, principal);
        // As the REST guard: a call waiting on a database that stops answering is let go at once.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, database.Lost);
        http.RequestAborted = linked.Token;
        try
        {
            var result = await handler(http);
            await result.ExecuteAsync(http);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested
            && (e is Npgsql.NpgsqlException || e.InnerException is Npgsql.NpgsqlException || (e is OperationCanceledException or TimeoutException && !database.Reachable)))
        {
            throw Unavailable();
        }
        var reply = Reply(http);
        return reply.Success ? reply : throw GrpcErrors.From(reply);
    }

    private static RpcException Unavailable() =>
        new(new Status(StatusCode.Unavailable, "The database is unavailable; nothing was changed. Try again shortly."));

    private static HttpContext NewContext(HttpContext grpc, Call call)
    {
        var http = new DefaultHttpContext { RequestServices = grpc.RequestServices, RequestAborted = grpc.RequestAborted };
        var request = http.Request;
        request.Method = call.Method;
        request.Path = call.Path;
        request.Query = new QueryCollection(call.Query.Where(q => q.Value is not null)
            .ToDictionary(q => q.Key, q => new Microsoft.Extensions.Primitives.StringValues(q.Value)));
        var bytes = call.RawBody is not null ? Encoding.UTF8.GetBytes(call.RawBody)
            : call.Body is not null ? Encoding.UTF8.GetBytes(call.Body.ToJsonString()) : [];
        request.Body = new MemoryStream(bytes);
        request.ContentLength = bytes.Length;
        request.ContentType = call.ContentType;
        if (call.ExpectedVersion is { } expected)
        {
            request.Headers.IfMatch = expected.ToString(CultureInfo.InvariantCulture);
        }
        if (!string.IsNullOrEmpty(call.Reason))
        {
            request.Headers["X-Change-Reason"] = call.Reason;
        }
        http.Connection.RemoteIpAddress = grpc.Connection.RemoteIpAddress;
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static RestReply Reply(HttpContext http)
    {
        var body = (MemoryStream)http.Response.Body;
        var version = long.TryParse(http.Response.Headers[ConfigWriter.VersionHeader].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (long?)null;
        return new RestReply(http.Response.StatusCode, version, Encoding.UTF8.GetString(body.ToArray()), http.Response.Headers);
    }
}
