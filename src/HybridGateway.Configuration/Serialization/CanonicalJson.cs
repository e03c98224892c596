using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace HybridGateway.Configuration.Serialization;

/// <summary>
/// One canonical text for free-form JSON (a plugin's config): object keys sorted, numbers written
/// one way. Storage is free to reorder keys (PostgreSQL's jsonb does), so without this the same
/// config read back from the event log would hash differently.
/// </summary>
public static class CanonicalJson
{
    public static JsonElement Normalize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ConfigJson.Options.Encoder }))
        {
            Write(element, writer);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, writer);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var integer))
                {
                    writer.WriteNumberValue(integer);
                }
                else
                {
                    var value = element.GetDouble();
                    if (Math.Abs(value) < 9e15 && value == Math.Floor(value))
                    {
                        writer.WriteNumberValue((long)value);
                    }
                    else
                    {
                        writer.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture));
                    }
                }
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
