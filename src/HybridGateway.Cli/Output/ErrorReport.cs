using System.Text.Json.Nodes;
using Google.Rpc;
using Grpc.Core;

namespace HybridGateway.Cli.Output;

/// <summary>
/// A failed call on stderr: the gRPC status, its message, each bad field from the
/// <c>google.rpc.BadRequest</c> detail, and the exit code it ends with.
/// </summary>
public static class ErrorReport
{
    public static int ExitCodeOf(RpcException error) => error.StatusCode switch
    {
        StatusCode.Unauthenticated => ExitCodes.Unreachable,
        // The client's own failure to connect carries the exception; the server's Unavailable does not.
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal when error.Status.DebugException is not null => ExitCodes.Unreachable,
        _ => ExitCodes.ServerError,
    };

    public static int Write(CliConsole console, RpcException error, string? hint = null)
    {
        var exitCode = ExitCodeOf(error);
        var rpcStatus = TryGetRpcStatus(error);
        var violations = rpcStatus?.GetDetail<BadRequest>()?.FieldViolations.Select(v => (v.Field, v.Description)).ToList() ?? [];
        var reason = rpcStatus?.GetDetail<ErrorInfo>()?.Reason;
        var message = error.Status.Detail;
        if (error.Status.DebugException is { } cause && exitCode == ExitCodes.Unreachable)
        {
            message += " (" + Innermost(cause).Message + ")";
        }
        hint ??= exitCode == ExitCodes.Unreachable ? HintFor(error.StatusCode) : null;
        if (console.IsJson)
        {
            var body = new JsonObject
            {
                ["code"] = StatusCodeNames.Of(error.StatusCode),
                ["status"] = (int)error.StatusCode,
                ["message"] = message,
                ["reason"] = reason,
                ["field_violations"] = new JsonArray(violations.Select(v => (JsonNode)new JsonObject { ["field"] = v.Field, ["description"] = v.Description }).ToArray()),
                ["hint"] = hint,
                ["exit_code"] = exitCode,
            };
            Console.Error.WriteLine(new JsonObject { ["error"] = body }.ToJsonString(JsonText.Compact));
            return exitCode;
        }
        Console.Error.WriteLine($"error: {StatusCodeNames.Of(error.StatusCode)}: {message}");
        foreach (var (field, description) in violations)
        {
            Console.Error.WriteLine($"  {field}: {description}");
        }
        if (hint is not null)
        {
            Console.Error.WriteLine(hint);
        }
        return exitCode;
    }

    private static Google.Rpc.Status? TryGetRpcStatus(RpcException error)
    {
        try
        {
            return error.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static string? HintFor(StatusCode code) => code == StatusCode.Unauthenticated
        ? "The token was refused or none was given: run 'hgw login', pass --token or set HGW_TOKEN."
        : "Cannot reach the control plane: check --address (or HGW_ADDRESS, or the saved login) and that it serves gRPC there.";

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }
}
