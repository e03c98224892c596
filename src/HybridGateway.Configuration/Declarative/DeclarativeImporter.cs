using System.Text.Json.Nodes;
using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Input;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Validation;

namespace HybridGateway.Configuration.Declarative;

/// <summary>
/// Plans the import of a whole declarative file as one change: the file becomes the config.
/// Entities without ids keep the id of the stored entity with the same unique key, as decK does,
/// so re-importing a file changes only what changed.
/// </summary>
public sealed class DeclarativeImporter(EntityReader reader, EntityValidation validation)
{
    public ImportPlan Plan(JsonNode? document, ConfigState current)
    {
        var errors = new FieldErrors();
        var declared = DeclarativeReader.Flatten(document, errors);
        var resolver = new DocumentReferenceResolver();
        var byId = new Dictionary<Guid, DeclaredEntity>();
        var entities = new List<ConfigEntity>();
        var flattened = new List<ImportEntityError>();

        foreach (var kind in EntityKinds.All)
        {
            foreach (var item in declared.Where(d => d.Kind == kind))
            {
                var entity = ReadOne(item, current, resolver, errors, flattened);
                if (entity is null)
                {
                    continue;
                }
                item.AssignedId = entity.Id;
                resolver.Register(kind, entity);
                byId.TryAdd(entity.Id, item);
                entities.Add(entity);
            }
        }

        var changes = StateDiff.Towards(current, entities);
        errors.Prune();
        if (!errors.IsEmpty)
        {
            return new ImportPlan { Changes = changes, Errors = errors, EntityErrors = flattened, EntityCount = declared.Count };
        }
        var applied = current.Apply(changes, current.Version + 1, validation);
        foreach (var error in applied.Errors)
        {
            if (byId.TryGetValue(error.Entity.Id, out var item))
            {
                DeclarativeReader.At(errors, item.Path).Merge(error.Fields.IsEmpty ? MessageOnly(error.Message) : error.Fields);
                flattened.Add(Describe(item, error.Entity.Id, [error.Message]));
            }
            else
            {
                errors.Add("@entity", error.ToString());
            }
        }
        errors.Prune();
        return new ImportPlan
        {
            Changes = changes,
            Errors = errors,
            EntityErrors = flattened,
            Result = applied.State,
            EntityCount = declared.Count,
        };
    }

    private ConfigEntity? ReadOne(
        DeclaredEntity item, ConfigState current, DocumentReferenceResolver resolver, FieldErrors errors, List<ImportEntityError> flattened)
    {
        var body = item.Body;
        if (item.Parent is not null && item.ParentField is not null)
        {
            body[item.ParentField] = new JsonObject { ["id"] = (item.Parent.AssignedId ?? Guid.Empty).ToString() };
        }
        var givenId = body["id"] is JsonValue v && v.TryGetValue<string>(out var s) && Guid.TryParse(s, out var g) ? g : (Guid?)null;
        var existing = givenId is { } id ? current.Find(item.Kind, id) : null;
        var result = reader.Read(item.Kind, body, resolver, existing);
        if (!result.Success || item.Parent is { AssignedId: null })
        {
            if (!result.Errors.IsEmpty)
            {
                DeclarativeReader.At(errors, item.Path).Merge(result.Errors);
                flattened.Add(Describe(item, givenId, result.Errors.Describe().ToArray()));
            }
            return null;
        }
        var entity = result.Entity!;
        existing ??= givenId is null ? FindMatch(item.Kind, entity, current) : null;
        if (existing is null || EntityKinds.Of(existing) != item.Kind)
        {
            return entity;
        }
        entity = entity with { Id = existing.Id, CreatedAt = existing.CreatedAt };
        if (entity is BasicAuthCredential credential && existing is BasicAuthCredential stored
            && body["password"] is JsonValue p && p.TryGetValue<string>(out var password)
            && PasswordHash.Verify(password, stored.PasswordHash))
        {
            entity = credential with { PasswordHash = stored.PasswordHash };
        }
        return entity;
    }

    /// <summary>The stored entity an id-less declared entity stands for: same unique key, or same certificate.</summary>
    private static ConfigEntity? FindMatch(EntityKind kind, ConfigEntity entity, ConfigState current)
    {
        foreach (var key in kind.UniqueKeys)
        {
            if (key.Read(entity) is { } text && current.FindUnique(kind, text) is { } match)
            {
                return match;
            }
        }
        return entity is Certificate certificate
            ? current.All<Certificate>().FirstOrDefault(c => c.Cert == certificate.Cert && c.Key == certificate.Key)
            : null;
    }

    private static ImportEntityError Describe(DeclaredEntity item, Guid? id, IReadOnlyList<string> messages)
    {
        var name = item.Body["name"] ?? item.Body["username"] ?? item.Body["target"] ?? item.Body["group"];
        var text = name is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return new ImportEntityError(item.DisplayPath, item.Kind.Singular, text, id, messages);
    }

    private static FieldErrors MessageOnly(string message)
    {
        var fields = new FieldErrors();
        fields.Add("@entity", message);
        return fields;
    }
}
