using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace HybridGateway.ControlPlane.AdminGrpc;

/// <summary>
/// REST Admin API errors as gRPC statuses, one to one: the status code from the HTTP status (and
/// Kong's error name), the message as it is, each bad field as a <c>google.rpc.BadRequest</c>
/// violation, and the error's name and code as <c>google.rpc.ErrorInfo</c>.
/// </summary>
public static class GrpcErrors
{
    public const string Domain = "hybridgateway.admin";

    public static RpcException From(RestReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        JsonObject? body = null;
        try
        {
            body = reply.Json as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        var name = body?["name"]?.ToString();
        var code = CodeOf(reply.Status, name);
        var status = new Google.Rpc.Status
        {
            Code = (int)code,
            Message = body?["message"]?.ToString() ?? ("HTTP " + reply.Status),
        };
        if (body?["fields"] is JsonObject fields)
        {
            var bad = new BadRequest();
            Flatten(fields, "", bad);
            if (bad.FieldViolations.Count > 0)
            {
                status.Details.Add(Any.Pack(bad));
            }
        }
        var info = new ErrorInfo { Domain = Domain, Reason = Reason(reply.Status, name) };
        info.Metadata["http_status"] = reply.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (body?["code"] is JsonValue kongCode)
        {
            info.Metadata["code"] = kongCode.ToString();
        }
        if (body?["current_version"] is JsonValue current)
        {
            info.Metadata["current_version"] = current.ToString();
        }
        status.Details.Add(Any.Pack(info));
        return status.ToRpcException();
    }

    /// <summary>The gRPC code for an HTTP status and Kong error name.</summary>
    public static StatusCode CodeOf(int httpStatus, string? name) => httpStatus switch
    {
        400 or 413 or 415 => StatusCode.InvalidArgument,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.NotFound,
        409 when name == "version conflict" => StatusCode.Aborted,
        409 => StatusCode.AlreadyExists,
        503 => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };

    private static string Reason(int httpStatus, string? name) =>
        (name ?? httpStatus switch
        {
            404 => "not found",
            413 => "body too large",
            415 => "unsupported format",
            _ => "http " + httpStatus,
        }).ToUpperInvariant().Replace(' ', '_');

    /// <summary>Kong's nested field errors ({"config": {"minute": "…"}}) as dotted paths ("config.minute").</summary>
    private static void Flatten(JsonNode? node, string path, BadRequest bad)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Flatten(value, path.Length == 0 ? key : path + "." + key, bad);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], array[i] is JsonValue ? path : path + "[" + i + "]", bad);
                }
                break;
            case JsonValue value:
                bad.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = path, Description = value.ToString() });
                break;
        }
    }
}
