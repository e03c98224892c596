using System.Text.Json;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Serialization;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>An entity as the Admin API shows it: Kong's JSON, plus a certificate's SNI names and any value revealed once.</summary>
public static class EntityPresenter
{
    public static JsonObject ToJson(ConfigEntity entity, IEnumerable<string>? snis = null, IReadOnlyDictionary<string, string>? revealed = null)
    {
        var kind = EntityKinds.Of(entity);
        var node = JsonSerializer.SerializeToNode(entity, kind.ClrType, ConfigJson.Options)!.AsObject();
        if (entity is Certificate)
        {
            node["snis"] = new JsonArray((snis ?? []).Order(StringComparer.Ordinal).Select(s => (JsonNode)JsonValue.Create(s)).ToArray());
        }
        foreach (var (key, value) in revealed ?? new Dictionary<string, string>())
        {
            node[key] = value;
        }
        return node;
    }
}
