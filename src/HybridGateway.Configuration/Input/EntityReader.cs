using System.Text.Json;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.Serialization;

namespace HybridGateway.Configuration.Input;

/// <summary>
/// Reads one entity from user JSON (Admin API body or declarative file): shorthands expanded,
/// secrets hashed, references by name resolved, every field checked, plugin config normalized
/// by the plugin's own schema, and id and timestamps assigned.
/// </summary>
public sealed class EntityReader(IPluginCatalog plugins, TimeProvider clock)
{
    public EntityReadResult Read(EntityKind kind, JsonObject input, IReferenceResolver resolver, ConfigEntity? existing = null)
    {
        var errors = new FieldErrors();
        var revealed = new Dictionary<string, string>(StringComparer.Ordinal);
        // Every string, wherever it is (secrets before they are hashed, plugin configs, map keys),
        // is valid text before anything reads it.
        TextRules.CheckTree(input, errors);
        if (!errors.IsEmpty)
        {
            return new EntityReadResult(null, errors, revealed);
        }
        var body = (JsonObject)input.DeepClone();
        InputTransforms.Apply(kind, body, errors, revealed);
        ResolveReferences(kind, body, resolver, errors);
        var clean = JsonShapeChecker.CheckRecord(body, kind.Schema, errors, kind.UnsupportedFields);
        if (!errors.IsEmpty || clean is null)
        {
            return new EntityReadResult(null, errors, revealed);
        }
        var entity = (ConfigEntity)clean.Deserialize(kind.ClrType, ConfigJson.Options)!;
        if (entity is Plugin plugin)
        {
            entity = NormalizePluginConfig(plugin, errors);
        }
        if (!errors.IsEmpty)
        {
            return new EntityReadResult(null, errors, revealed);
        }
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        entity = entity with
        {
            Id = entity.Id != Guid.Empty ? entity.Id : existing?.Id ?? Guid.NewGuid(),
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };
        return new EntityReadResult(entity, errors, revealed);
    }

    private Plugin NormalizePluginConfig(Plugin plugin, FieldErrors errors)
    {
        var definition = plugins.Find(plugin.Name);
        if (definition is null)
        {
            errors.Add("name", "plugin '" + plugin.Name + "' is not supported by this gateway");
            return plugin;
        }
        var raw = plugin.Config is { } config ? JsonNode.Parse(config.GetRawText()) : null;
        var normalized = definition.Normalize(raw, errors.Child("config"));
        errors.Prune();
        return plugin with { Config = normalized };
    }

    /// <summary>
    /// Accepts a reference as Kong and decK write it, <c>{"id": …}</c>, <c>{"name": …}</c> or a bare
    /// id or name string, and leaves <c>{"id": …}</c> for the schema check.
    /// </summary>
    private static void ResolveReferences(EntityKind kind, JsonObject body, IReferenceResolver resolver, FieldErrors errors)
    {
        foreach (var key in kind.ForeignKeys)
        {
            if (kind.Schema.ByName[key.Field].Type != FieldType.Record || body[key.Field] is not { } node)
            {
                continue;
            }
            string? text = null;
            if (node is JsonValue value && value.TryGetValue<string>(out var s))
            {
                text = s;
            }
            else if (node is JsonObject reference && !reference.ContainsKey("id") && reference.Count == 1
                     && reference.First().Value is JsonValue nameValue && nameValue.TryGetValue<string>(out var name))
            {
                text = name;
            }
            if (text is null)
            {
                continue;
            }
            var id = Guid.TryParse(text, out var parsed) ? parsed : resolver.ResolveName(key.Target, text);
            if (id is null)
            {
                errors.Add(key.Field, "the foreign key '{name=\"" + text + "\"}' does not reference an existing '" + key.Target.Name + "' entity.");
                // A well-formed placeholder, so the schema check neither buries this message nor adds its own.
                body[key.Field] = new JsonObject { ["id"] = Guid.Empty.ToString() };
                continue;
            }
            body[key.Field] = new JsonObject { ["id"] = id.Value.ToString() };
        }
    }
}
