using System.Globalization;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>
/// Turns Kong-style form fields into JSON, typed by the entity's schema: <c>port=80</c> becomes a
/// number, <c>paths[]=/a</c> or a repeated <c>paths=/a</c> a list, <c>config.minute=5</c> a nested field.
/// Values the schema does not expect stay strings, so the schema check reports them.
/// </summary>
public static class FormBodyParser
{
    public static JsonObject Parse(IReadOnlyList<KeyValuePair<string, string>> fields, TypeSchema schema, Func<string, TypeSchema?> pluginConfig)
    {
        var root = new JsonObject();
        var pluginName = fields.LastOrDefault(f => f.Key == "name").Value;
        foreach (var group in fields.GroupBy(f => Normalize(f.Key), StringComparer.Ordinal))
        {
            var values = group.Select(f => f.Value).ToArray();
            var segments = group.Key.Split('.');
            var node = root;
            var current = schema;
            for (var i = 0; i < segments.Length; i++)
            {
                var spec = current?.ByName.GetValueOrDefault(segments[i]);
                if (i == segments.Length - 1)
                {
                    node[segments[i]] = Values(values, spec);
                    break;
                }
                var child = node[segments[i]] as JsonObject ?? new JsonObject();
                node[segments[i]] = child;
                if (spec is { Type: FieldType.Map })
                {
                    // headers.x-version=v1: the rest of the key is the map key.
                    child[string.Join('.', segments[(i + 1)..])] = Values(values, spec.Element);
                    break;
                }
                node = child;
                current = spec switch
                {
                    { Type: FieldType.Record } => spec.Record,
                    { Type: FieldType.Any } when pluginName is not null => pluginConfig(pluginName),
                    _ => null,
                };
            }
        }
        return root;
    }

    private static string Normalize(string key)
    {
        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 && key.EndsWith(']') ? key[..bracket] : key;
    }

    private static JsonNode? Values(string[] values, FieldSpec? spec)
    {
        if (spec is { Type: FieldType.Array } || (spec is null && values.Length > 1))
        {
            return new JsonArray(values.Where(v => v.Length > 0).Select(v => Scalar(v, spec?.Element)).ToArray());
        }
        return values[^1].Length == 0 ? null : Scalar(values[^1], spec);
    }

    private static JsonNode? Scalar(string value, FieldSpec? spec) => spec?.Type switch
    {
        FieldType.Integer when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        FieldType.Number when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        FieldType.Boolean when bool.TryParse(value, out var b) => JsonValue.Create(b),
        _ => JsonValue.Create(value),
    };
}
