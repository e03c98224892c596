using System.Text.Json;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Input;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.Serialization;
using HybridGateway.Configuration.State;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>POST, PUT, PATCH and DELETE on Admin API collections, each one new config version.</summary>
public sealed class EntityWrites(ConfigWriter writer, EntityReader reader, IPluginCatalog plugins)
{
    public async Task<IResult> CreateAsync(HttpContext http, AdminCollection collection, string? parentKey)
    {
        var (body, error) = await ReadBodyAsync(http, collection.Kind);
        if (body is null)
        {
            return error!;
        }
        return await writer.WriteAsync(http, state => Plan(http, state, collection, parentKey, body, existing: null, StatusCodes.Status201Created));
    }

    /// <summary>PUT: create or replace the entity the URL names (by id, or by name when the kind has one).</summary>
    public Task<IResult> UpsertAsync(HttpContext http, AdminCollection collection, string? parentKey, string key) =>
        WriteItemAsync(http, collection, parentKey, key, readBody: true, (state, body, existing) =>
        {
            var replacement = (JsonObject)body.DeepClone();
            if (existing is not null)
            {
                replacement["id"] = existing.Id.ToString();
            }
            else if (Guid.TryParse(key, out _))
            {
                replacement["id"] = key;
            }
            else if (collection.LookupField is { } field && collection.Kind != EntityKinds.KeyAuthCredentials)
            {
                replacement[field] = key;
            }
            else
            {
                return WritePlan.Reject(KongErrors.NotFound());
            }
            return Plan(http, state, collection, parentKey, replacement, existing, StatusCodes.Status200OK);
        });

    public Task<IResult> PatchAsync(HttpContext http, AdminCollection collection, string? parentKey, string key) =>
        WriteItemAsync(http, collection, parentKey, key, readBody: true, (state, body, existing) =>
        {
            if (existing is null)
            {
                return WritePlan.Reject(KongErrors.NotFound());
            }
            if (body["id"] is JsonValue id && id.ToString() != existing.Id.ToString())
            {
                var fields = new FieldErrors();
                fields.Add("id", "cannot be changed");
                return WritePlan.Reject(KongErrors.Schema(fields));
            }
            return Plan(http, state, collection, parentKey, Patched(existing, body, collection.Kind), existing, StatusCodes.Status200OK);
        });

    public Task<IResult> DeleteAsync(HttpContext http, AdminCollection collection, string? parentKey, string key) =>
        WriteItemAsync(http, collection, parentKey, key, readBody: false, (state, _, existing) =>
            // Kong answers 204 for an entity that is already gone.
            existing is null
                ? WritePlan.Of([], _ => Results.NoContent())
                : AdminAuth.TagScope.Refusal(http, existing, null) is { } refused
                    ? WritePlan.Reject(refused)
                    : WritePlan.Of(Cascade.DeletionOf(state, collection.Kind, existing.Id), _ => Results.NoContent()));

    /// <summary>A write to the item a URL names: its parent must exist; the item is found (or not) in the state planned against.</summary>
    private async Task<IResult> WriteItemAsync(
        HttpContext http, AdminCollection collection, string? parentKey, string key, bool readBody, Func<ConfigState, JsonObject, ConfigEntity?, WritePlan> plan)
    {
        var body = new JsonObject();
        if (readBody)
        {
            var (read, error) = await ReadBodyAsync(http, collection.Kind);
            if (read is null)
            {
                return error!;
            }
            body = read;
        }
        return await writer.WriteAsync(http, state =>
            TryParent(state, collection, parentKey, out var parentId)
                ? plan(state, body, StateLocator.Find(state, collection, key, parentId))
                : WritePlan.Reject(KongErrors.NotFound()));
    }

    /// <summary>PATCH's body applied to the stored entity; stored hashes give way to new secrets.</summary>
    private static JsonObject Patched(ConfigEntity existing, JsonObject body, EntityKind kind)
    {
        var current = JsonSerializer.SerializeToNode(existing, kind.ClrType, ConfigJson.Options)!.AsObject();
        current.Remove("created_at");
        current.Remove("updated_at");
        if (body.ContainsKey("key"))
        {
            current.Remove("key_hash");
        }
        if (body.ContainsKey("password"))
        {
            current.Remove("password_hash");
        }
        if (existing is CaCertificate && body.ContainsKey("cert") && !body.ContainsKey("cert_digest"))
        {
            current.Remove("cert_digest"); // recomputed for the new certificate
        }
        var merged = JsonMerge.Patch(current, body, kind.Schema);
        if (existing is Certificate && !body.ContainsKey("snis"))
        {
            merged.Remove("snis");
        }
        return merged;
    }

    private WritePlan Plan(HttpContext http, ConfigState state, AdminCollection collection, string? parentKey, JsonObject input, ConfigEntity? existing, int status)
    {
        if (!TryParent(state, collection, parentKey, out var parentId))
        {
            return WritePlan.Reject(KongErrors.NotFound());
        }
        var body = (JsonObject)input.DeepClone();
        if (parentId is { } parent)
        {
            body[collection.ParentField!] = new JsonObject { ["id"] = parent.ToString() };
        }
        var sniField = collection.Kind == EntityKinds.Certificates ? ExtractSnis(body) : null;
        var read = reader.Read(collection.Kind, body, new StateReferenceResolver(state), existing);
        if (!read.Success || sniField is { Error: not null })
        {
            var errors = read.Errors;
            if (sniField?.Error is { } sniError)
            {
                errors.Add("snis", sniError);
            }
            return WritePlan.Reject(KongErrors.Schema(errors));
        }
        var entity = read.Entity!;
        if (AdminAuth.TagScope.Refusal(http, existing, entity) is { } refused)
        {
            return WritePlan.Reject(refused);
        }
        if (existing is null && state.Find(collection.Kind, entity.Id) is not null)
        {
            return WritePlan.Reject(KongErrors.PrimaryKeyViolation(entity.Id));
        }
        var changes = new List<EntityChange> { EntityChange.Upsert(entity) };
        var sniNames = SniNamesOf(state, entity.Id);
        if (sniField?.Names is { } names)
        {
            changes.AddRange(SniChanges(state, entity, names));
            sniNames = names;
        }
        return WritePlan.Of(changes, _ => Results.Json(EntityPresenter.ToJson(entity, sniNames, read.Revealed), statusCode: status));
    }

    private static bool TryParent(ConfigState state, AdminCollection collection, string? parentKey, out Guid? parentId)
    {
        parentId = null;
        if (collection.Parent is not { } parentCollection)
        {
            return true;
        }
        var parent = StateLocator.Find(state, parentCollection, parentKey!, null);
        parentId = parent?.Id;
        return parent is not null;
    }

    private sealed record SniField(IReadOnlyList<string>? Names, string? Error);

    /// <summary>A certificate's "snis" shorthand: names that become SNI entities pointing at it.</summary>
    private static SniField? ExtractSnis(JsonObject body)
    {
        if (!body.Remove("snis", out var node) || node is null)
        {
            return null;
        }
        var names = node switch
        {
            JsonArray array when array.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String) => array.Select(n => n!.GetValue<string>()).ToArray(),
            JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
            _ => null,
        };
        return names is null || names.Any(n => n.Length == 0)
            ? new SniField(null, "expected an array of non-empty strings")
            : new SniField(names.Distinct().ToArray(), null);
    }

    private static IReadOnlyList<string> SniNamesOf(ConfigState state, Guid certificateId) =>
        state.ReferrersOf(EntityKinds.Certificates, certificateId)
            .Where(r => r.Kind == EntityKinds.Snis)
            .Select(r => state.Find<Sni>(r.Id)!.Name)
            .ToArray();

    private IEnumerable<EntityChange> SniChanges(ConfigState state, ConfigEntity certificate, IReadOnlyList<string> names)
    {
        var current = state.ReferrersOf(EntityKinds.Certificates, certificate.Id)
            .Where(r => r.Kind == EntityKinds.Snis)
            .Select(r => state.Find<Sni>(r.Id)!)
            .ToArray();
        foreach (var sni in current.Where(s => !names.Contains(s.Name)))
        {
            yield return EntityChange.Delete(EntityKinds.Snis, sni.Id);
        }
        foreach (var name in names.Where(n => current.All(s => s.Name != n)))
        {
            var read = reader.Read(EntityKinds.Snis, new JsonObject { ["name"] = name, ["certificate"] = new JsonObject { ["id"] = certificate.Id.ToString() } },
                new StateReferenceResolver(state));
            // Names are non-empty strings here, so the read succeeds; the SNI validator judges them when applied.
            yield return EntityChange.Upsert(read.Entity!);
        }
    }

    private Task<(JsonObject? Body, IResult? Error)> ReadBodyAsync(HttpContext http, EntityKind kind) =>
        RequestBodyReader.ReadObjectAsync(http.Request, BodyLimits.Entity,
            form => FormBodyParser.Parse(form, kind.Schema, name => plugins.Find(name) is { } definition ? TypeSchema.For(definition.ConfigType) : null));
}
