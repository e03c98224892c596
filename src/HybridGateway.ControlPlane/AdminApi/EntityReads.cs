using System.Globalization;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;
using HybridGateway.ControlPlane.Store;
using Marten;
using Microsoft.AspNetCore.WebUtilities;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>GET on collections and items, served from the projected documents (fresh on every replica).</summary>
public sealed class EntityReads(IDocumentStore documents, ConfigStore config)
{
    public const int MaxPageSize = 1000;

    private static readonly Dictionary<EntityKind, IEntityQueries> Queries = EntityKinds.All.ToDictionary(
        k => k,
        k => (IEntityQueries)Activator.CreateInstance(typeof(EntityQueries<>).MakeGenericType(k.ClrType))!);

    public async Task<IResult> ListAsync(HttpContext http, AdminCollection collection, string? parentKey)
    {
        await SetVersionHeaderAsync(http);
        await using var session = documents.QuerySession();
        var query = new EntityListQuery();
        if (collection.Parent is { } parentCollection)
        {
            var parent = await FindAsync(session, parentCollection, parentKey!, null, http.RequestAborted);
            if (parent is null)
            {
                return KongErrors.NotFound();
            }
            query = query with { ParentField = collection.ParentField, ParentId = parent.Id };
        }
        var parameters = http.Request.Query;
        if (!TryPaging(parameters, out var offset, out var size, out var error))
        {
            return error!;
        }
        query = query with { Offset = offset, Size = size, Filters = Filters(collection.Kind, parameters) };
        var tags = parameters["tags"].ToString();
        if (tags.Length > 0)
        {
            var any = tags.Contains('/', StringComparison.Ordinal);
            query = query with { Tags = tags.Split(any ? '/' : ','), AnyTag = any };
        }
        var (page, more) = await Queries[collection.Kind].ListAsync(session, query, http.RequestAborted);
        var data = new JsonArray();
        foreach (var entity in page)
        {
            data.Add(await PresentAsync(session, entity, http.RequestAborted));
        }
        var body = new JsonObject { ["data"] = data, ["next"] = null };
        if (more)
        {
            var token = PagingToken.Encode(offset + size);
            var next = QueryHelpers.AddQueryString(http.Request.Path, new Dictionary<string, string?>
            {
                ["offset"] = token,
                ["size"] = parameters.ContainsKey("size") ? size.ToString(CultureInfo.InvariantCulture) : null,
                ["tags"] = tags.Length > 0 ? tags : null,
            }.Where(p => p.Value is not null));
            body["next"] = next;
            body["offset"] = token;
        }
        return Results.Json(body);
    }

    public async Task<IResult> GetAsync(HttpContext http, AdminCollection collection, string? parentKey, string key)
    {
        await SetVersionHeaderAsync(http);
        await using var session = documents.QuerySession();
        Guid? parentId = null;
        if (collection.Parent is { } parentCollection)
        {
            var parent = await FindAsync(session, parentCollection, parentKey!, null, http.RequestAborted);
            if (parent is null)
            {
                return KongErrors.NotFound();
            }
            parentId = parent.Id;
        }
        var entity = await FindAsync(session, collection, key, parentId, http.RequestAborted);
        return entity is null ? KongErrors.NotFound() : Results.Json(await PresentAsync(session, entity, http.RequestAborted));
    }

    /// <summary>GET /routes/{route}/service: the service a route points at.</summary>
    public async Task<IResult> GetRouteServiceAsync(HttpContext http, string routeKey)
    {
        await using var session = documents.QuerySession();
        var route = await FindAsync(session, AdminCollections.Routes, routeKey, null, http.RequestAborted) as Configuration.Entities.Route;
        if (route?.Service is not { } reference)
        {
            return KongErrors.NotFound();
        }
        var service = await Queries[EntityKinds.Services].FindAsync(session, reference.Id, http.RequestAborted);
        return service is null ? KongErrors.NotFound() : Results.Json(await PresentAsync(session, service, http.RequestAborted));
    }

    public async Task<ConfigEntity?> FindAsync(IQuerySession session, AdminCollection collection, string key, Guid? parentId, CancellationToken cancellation)
    {
        var queries = Queries[collection.Kind];
        if (Guid.TryParse(key, out var id) && await queries.FindAsync(session, id, cancellation) is { } byId
            && StateLocator.BelongsTo(byId, collection, parentId))
        {
            return byId;
        }
        if (collection.LookupField is not { } field)
        {
            return null;
        }
        var value = collection.Kind == EntityKinds.KeyAuthCredentials ? KeyHash.Of(key) : key;
        var (page, _) = await queries.ListAsync(session, new EntityListQuery
        {
            ParentField = parentId is null ? null : collection.ParentField,
            ParentId = parentId,
            Filters = [(field, value)],
            Size = 1,
        }, cancellation);
        return page.Count == 1 ? page[0] : null;
    }

    private async Task SetVersionHeaderAsync(HttpContext http) =>
        http.Response.Headers[ConfigWriter.VersionHeader] = (await config.FetchVersionAsync(http.RequestAborted)).ToString(CultureInfo.InvariantCulture);

    private static async Task<JsonObject> PresentAsync(IQuerySession session, ConfigEntity entity, CancellationToken cancellation)
    {
        if (entity is not Certificate)
        {
            return EntityPresenter.ToJson(entity);
        }
        var (snis, _) = await Queries[EntityKinds.Snis].ListAsync(session,
            new EntityListQuery { ParentField = "certificate", ParentId = entity.Id, Size = MaxPageSize }, cancellation);
        return EntityPresenter.ToJson(entity, snis.Cast<Sni>().Select(s => s.Name));
    }

    private static bool TryPaging(IQueryCollection parameters, out int offset, out int size, out IResult? error)
    {
        offset = 0;
        size = 100;
        error = null;
        var sizeText = parameters["size"].ToString();
        if (sizeText.Length > 0 && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            error = KongErrors.BadRequest("size must be an integer between 1 and " + MaxPageSize);
            return false;
        }
        var offsetText = parameters["offset"].ToString();
        if (offsetText.Length > 0 && !PagingToken.TryDecode(offsetText, out offset))
        {
            error = KongErrors.BadRequest("invalid offset");
            return false;
        }
        return true;
    }

    /// <summary>Equality filters Kong accepts on lists (?custom_id=…, ?name=…): string fields of the entity only.</summary>
    private static IReadOnlyList<(string, string)> Filters(EntityKind kind, IQueryCollection parameters) =>
        parameters
            .Where(p => p.Key is not ("size" or "offset" or "tags")
                && kind.Schema.ByName.TryGetValue(p.Key, out var field) && field.Type == FieldType.String)
            .Select(p => (p.Key, p.Value.ToString()))
            .ToArray();
}
