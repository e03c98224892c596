using System.Text.Json;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.Serialization;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>A config type's fields in the style of Kong's /schemas endpoints: type, default, required, allowed values.</summary>
public static class SchemaJson
{
    public static JsonObject Describe(TypeSchema schema)
    {
        var defaults = JsonSerializer.SerializeToNode(Activator.CreateInstance(schema.Type), schema.Type, ConfigJson.Options)?.AsObject();
        var fields = new JsonArray();
        foreach (var field in schema.Fields)
        {
            var description = new JsonObject { ["type"] = field.Type.ToString().ToLowerInvariant() };
            if (field.Required)
            {
                description["required"] = true;
            }
            if (defaults?[field.Name] is { } value && !field.ServerManaged)
            {
                description["default"] = value.DeepClone();
            }
            foreach (var constraint in field.Constraints)
            {
                switch (constraint)
                {
                    case OneOfAttribute oneOf:
                        description["one_of"] = new JsonArray(oneOf.Allowed.Select(a => (JsonNode)JsonValue.Create(a)).ToArray());
                        break;
                    case BetweenAttribute between:
                        description["between"] = new JsonArray(between.Min, between.Max);
                        break;
                }
            }
            if (field.Record is { } record)
            {
                description["fields"] = Describe(record)["fields"]!.DeepClone();
            }
            fields.Add(new JsonObject { [field.Name] = description });
        }
        return new JsonObject { ["fields"] = fields };
    }
}
