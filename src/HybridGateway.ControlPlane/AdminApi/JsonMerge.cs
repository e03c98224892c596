using System.Text.Json.Nodes;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>PATCH semantics as Kong's: top-level fields replace, nested records (plugin config, health checks) merge.</summary>
public static class JsonMerge
{
    public static JsonObject Patch(JsonObject current, JsonObject patch, TypeSchema? schema)
    {
        var result = (JsonObject)current.DeepClone();
        foreach (var (key, value) in patch)
        {
            var field = schema?.ByName.GetValueOrDefault(key);
            var mergeable = field is null ? schema is null : field.Type is FieldType.Record or FieldType.Any;
            if (mergeable && value is JsonObject patchObject && result[key] is JsonObject currentObject)
            {
                result[key] = Patch(currentObject, patchObject, field?.Record);
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }
        return result;
    }
}
