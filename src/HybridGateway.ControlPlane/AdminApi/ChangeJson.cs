using System.Text.Json.Nodes;
using HybridGateway.Configuration.State;
using HybridGateway.ControlPlane.Store;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>How changes are shown in diffs, dry runs and history.</summary>
public static class ChangeJson
{
    /// <summary>A change with the entity before and after it.</summary>
    public static JsonObject Detailed(EntityChange change, ConfigState before)
    {
        var old = before.Find(change.Kind, change.Id);
        var node = new JsonObject
        {
            ["op"] = change.IsDelete ? "delete" : old is null ? "create" : "update",
            ["kind"] = change.Kind.Name,
            ["id"] = change.Id.ToString(),
            ["name"] = (change.Entity ?? old) is { } e ? change.Kind.Label(e) : null,
        };
        if (old is not null)
        {
            node["before"] = EntityPresenter.ToJson(old);
        }
        if (change.Entity is not null)
        {
            node["after"] = EntityPresenter.ToJson(change.Entity);
        }
        return node;
    }

    public static JsonArray Detailed(IEnumerable<EntityChange> changes, ConfigState before) =>
        new(changes.OrderBy(c => c.Kind.Ordinal).ThenBy(c => c.Id).Select(c => (JsonNode)Detailed(c, before)).ToArray());

    /// <summary>A stored change in one line: op, kind, id and name.</summary>
    public static JsonObject Summary(StoredChange change) => new()
    {
        ["op"] = change.Op,
        ["kind"] = change.Kind,
        ["id"] = change.Id.ToString(),
        ["name"] = change.Label,
    };

    public static JsonObject Counts(IEnumerable<string> ops)
    {
        var counts = new JsonObject { ["create"] = 0, ["update"] = 0, ["delete"] = 0 };
        foreach (var op in ops)
        {
            counts[op] = counts[op]!.GetValue<int>() + 1;
        }
        return counts;
    }
}
