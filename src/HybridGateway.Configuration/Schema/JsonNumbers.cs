using System.Text.Json;
using System.Text.Json.Nodes;

namespace HybridGateway.Configuration.Schema;

/// <summary>
/// Reads numbers from JSON nodes whatever built them: parsed text, or values created in code
/// from an int, a long or a double (which JsonValue.TryGetValue does not convert between).
/// </summary>
public static class JsonNumbers
{
    public static bool TryGetInteger(JsonNode node, out long value)
    {
        value = 0;
        return node.GetValueKind() == JsonValueKind.Number && AsElement(node).TryGetInt64(out value);
    }

    public static bool TryGetDouble(JsonNode node, out double value)
    {
        value = 0;
        return node.GetValueKind() == JsonValueKind.Number && AsElement(node).TryGetDouble(out value);
    }

    private static JsonElement AsElement(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<JsonElement>(out var element) ? element : JsonSerializer.SerializeToElement(node);
}
