using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace HybridGateway.ControlPlane.AdminGrpc;

/// <summary>REST JSON to and from protobuf messages: the proto's fields carry the REST API's names.</summary>
public static class Messages
{
    private static readonly JsonParser Lenient = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static T From<T>(JsonNode? json) where T : IMessage, new() =>
        json is null ? new T() : Lenient.Parse<T>(json.ToJsonString());

    public static Struct ToStruct(JsonNode? json) =>
        json is JsonObject ? JsonParser.Default.Parse<Struct>(json.ToJsonString()) : new Struct();

    public static IEnumerable<Struct> Structs(JsonNode? array) =>
        array is JsonArray items ? items.Select(ToStruct) : [];

    /// <summary>An entity given by a caller, as the JSON body the REST handler reads.</summary>
    public static JsonObject ToJson(Struct? entity) =>
        entity is null ? new JsonObject() : (JsonNode.Parse(JsonFormatter.Default.Format(entity)) as JsonObject ?? new JsonObject());

    public static RpcException Invalid(string field, string message)
    {
        var bad = new Google.Rpc.BadRequest();
        bad.FieldViolations.Add(new Google.Rpc.BadRequest.Types.FieldViolation { Field = field, Description = message });
        return new Google.Rpc.Status
        {
            Code = (int)StatusCode.InvalidArgument,
            Message = field + ": " + message,
            Details = { Any.Pack(bad) },
        }.ToRpcException();
    }
}
