using System.Text.Json;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.Serialization;

namespace HybridGateway.Configuration.Plugins;

/// <summary>
/// A plugin's contract as the control plane sees it: name, priority, where it may be attached,
/// and its config record with that record's validator. The runtime half lives with the data plane.
/// </summary>
public abstract class PluginDefinition
{
    public static IReadOnlyList<string> AllProtocols { get; } =
        [Entities.Protocols.Grpc, Entities.Protocols.Grpcs, Entities.Protocols.Http, Entities.Protocols.Https, Entities.Protocols.Ws, Entities.Protocols.Wss];

    public abstract string Name { get; }

    /// <summary>Kong's PRIORITY: higher runs first.</summary>
    public abstract int Priority { get; }

    public abstract Type ConfigType { get; }

    public virtual PluginScopes Scopes => PluginScopes.All;

    public virtual IReadOnlyList<string> Protocols => AllProtocols;

    /// <summary>
    /// Checks a raw config and returns it with every default filled, or null with the errors
    /// (nested under <c>config</c> by the caller).
    /// </summary>
    public JsonElement? Normalize(JsonNode? config, FieldErrors errors)
    {
        var clean = JsonShapeChecker.CheckRecord(config ?? new JsonObject(), TypeSchema.For(ConfigType), errors);
        if (clean is null)
        {
            errors.Add("@entity", "expected a record");
            return null;
        }
        if (!errors.IsEmpty)
        {
            return null;
        }
        var typed = clean.Deserialize(ConfigType, ConfigJson.Options)!;
        ValidateTyped(typed, errors);
        return errors.IsEmpty ? JsonSerializer.SerializeToElement(typed, ConfigType, ConfigJson.Options) : null;
    }

    /// <summary>Reads a stored (already normalized) config into the plugin's record.</summary>
    public object Read(JsonElement? config) =>
        (config ?? JsonSerializer.SerializeToElement(new JsonObject())).Deserialize(ConfigType, ConfigJson.Options)!;

    protected abstract void ValidateTyped(object config, FieldErrors errors);
}
