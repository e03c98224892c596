using System.Text.Json.Nodes;
using Google.Protobuf;

namespace HybridGateway.Cli.Output;

/// <summary>Messages as proto3 JSON with the proto's field names (those of the REST API); int64 values are strings, as proto3 JSON has them.</summary>
public static class ProtoJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithPreserveProtoFieldNames(true));

    public static JsonNode ToNode(IMessage message) => JsonNode.Parse(Formatter.Format(message))!;
}
