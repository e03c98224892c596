using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Declarative;

/// <summary>
/// Flattens a decK-style document into entities with their file positions and nesting, and
/// reports what is malformed or unsupported at the place it was written.
/// </summary>
public static class DeclarativeReader
{
    private const string EnvTemplate = "${{ env ";

    public static IReadOnlyList<DeclaredEntity> Flatten(JsonNode? root, FieldErrors errors)
    {
        var entities = new List<DeclaredEntity>();
        if (root is not JsonObject document)
        {
            errors.Add("@entity", "expected a mapping with _format_version and entity lists");
            return entities;
        }
        var legacy = CheckFormatVersion(document, errors);
        foreach (var (key, value) in document)
        {
            if (key is "_format_version" or "_transform" or "_info" or "_comment")
            {
                continue;
            }
            if (DeclarativeLayout.Unsupported.TryGetValue(key, out var reason))
            {
                errors.Add(key, reason);
                continue;
            }
            var kind = DeclarativeLayout.TopLevel.FirstOrDefault(k => k.Name == key);
            if (kind is null)
            {
                errors.Add(key, JsonShapeChecker.UnknownField);
                continue;
            }
            ReadList(kind, value, [key], null, null, legacy, entities, errors);
        }
        return entities;
    }

    /// <summary>The error node for a position in the file, created on demand.</summary>
    public static FieldErrors At(FieldErrors root, IReadOnlyList<string> path)
    {
        var node = root;
        foreach (var segment in path)
        {
            node = node.Child(segment);
        }
        return node;
    }

    private static bool CheckFormatVersion(JsonObject document, FieldErrors errors)
    {
        var version = document["_format_version"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (version is null)
        {
            errors.Add("_format_version", document.ContainsKey("_format_version") ? "expected a string" : JsonShapeChecker.RequiredFieldMissing);
            return false;
        }
        if (!DeclarativeLayout.AcceptedFormatVersions.Contains(version))
        {
            errors.Add("_format_version", "expected one of: " + string.Join(", ", DeclarativeLayout.AcceptedFormatVersions));
        }
        return version is "1.1" or "2.1";
    }

    private static void ReadList(
        EntityKind kind, JsonNode? value, List<string> path, DeclaredEntity? parent, string? parentField,
        bool legacy, List<DeclaredEntity> entities, FieldErrors errors)
    {
        if (value is null)
        {
            return;
        }
        if (value is not JsonArray list)
        {
            At(errors, path[..^1]).Add(path[^1], "expected an array");
            return;
        }
        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = new List<string>(path) { i.ToString(CultureInfo.InvariantCulture) };
            var item = list[i];
            if (kind == EntityKinds.Snis && item is JsonValue sniName && sniName.GetValueKind() == JsonValueKind.String)
            {
                item = new JsonObject { ["name"] = sniName.GetValue<string>() };
            }
            if (item is not JsonObject source)
            {
                At(errors, path).Add(itemPath[^1], "expected a record");
                continue;
            }
            var body = (JsonObject)source.DeepClone();
            var entity = new DeclaredEntity(kind, itemPath, body, parent, parentField);
            entities.Add(entity);
            FindTemplates(body, At(errors, itemPath));
            if (legacy && kind == EntityKinds.Routes)
            {
                MarkLegacyRegexPaths(body);
            }
            ReadChildren(entity, legacy, entities, errors);
        }
    }

    private static void ReadChildren(DeclaredEntity entity, bool legacy, List<DeclaredEntity> entities, FieldErrors errors)
    {
        foreach (var key in DeclarativeLayout.Unsupported.Keys)
        {
            if (entity.Body.Remove(key))
            {
                At(errors, entity.Path).Add(key, DeclarativeLayout.Unsupported[key]);
            }
        }
        if (!DeclarativeLayout.Children.TryGetValue(entity.Kind, out var children))
        {
            return;
        }
        foreach (var (key, childKind, field) in children)
        {
            if (entity.Body.Remove(key, out var value))
            {
                ReadList(childKind, value, [.. entity.Path, key], entity, field, legacy, entities, errors);
            }
        }
    }

    /// <summary>decK renders <c>${{ env "X" }}</c> before sending; a file that still has it was not rendered.</summary>
    private static void FindTemplates(JsonObject body, FieldErrors errors)
    {
        foreach (var (key, value) in body)
        {
            if (ContainsTemplate(value))
            {
                errors.Add(key, "decK environment templating ('${{ env \"…\" }}') is not supported: render the file with 'deck file render' first");
            }
        }
    }

    private static bool ContainsTemplate(JsonNode? node) => node switch
    {
        JsonValue v => v.TryGetValue<string>(out var s) && s.Contains(EnvTemplate, StringComparison.Ordinal),
        JsonArray a => a.Any(ContainsTemplate),
        JsonObject o => o.Any(p => ContainsTemplate(p.Value)),
        _ => false,
    };

    /// <summary>Formats before 3.0 wrote regex paths without '~'; Kong's migration marks any path that is not a plain path.</summary>
    private static void MarkLegacyRegexPaths(JsonObject route)
    {
        if (route["paths"] is not JsonArray paths)
        {
            return;
        }
        for (var i = 0; i < paths.Count; i++)
        {
            if (paths[i] is JsonValue v && v.TryGetValue<string>(out var path) && !path.StartsWith('~')
                && path.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' or '/' or '%')))
            {
                paths[i] = "~" + path;
            }
        }
    }
}
