using System.Text.Json;
using System.Text.RegularExpressions;
using HybridGateway.Configuration.Entities;
using Marten;
using Marten.Linq.MatchesSql;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>
/// Typed Marten queries over the current-entity documents. Field names in SQL come only from our
/// own schema (checked against a strict pattern); values are always parameters.
/// </summary>
public sealed partial class EntityQueries<T> : IEntityQueries
    where T : ConfigEntity
{
    public async Task<ConfigEntity?> FindAsync(IQuerySession session, Guid id, CancellationToken cancellation) =>
        await session.LoadAsync<T>(id, cancellation);

    public async Task<ConfigEntity?> FindByFieldAsync(IQuerySession session, string field, string value, CancellationToken cancellation) =>
        await session.Query<T>().Where(x => x.MatchesSql('^', "d.data ->> '" + Checked(field) + "' = ^", value)).FirstOrDefaultAsync(cancellation);

    public async Task<(IReadOnlyList<ConfigEntity> Page, bool More)> ListAsync(IQuerySession session, EntityListQuery query, CancellationToken cancellation)
    {
        IQueryable<T> q = session.Query<T>();
        if (query.ParentField is { } parent && query.ParentId is { } parentId)
        {
            q = q.Where(x => x.MatchesSql('^', "d.data -> '" + Checked(parent) + "' ->> 'id' = ^", parentId.ToString()));
        }
        foreach (var (field, value) in query.Filters)
        {
            q = q.Where(x => x.MatchesSql('^', "d.data ->> '" + Checked(field) + "' = ^", value));
        }
        if (query.Tags.Count > 0)
        {
            q = query.AnyTag
                ? q.Where(x => x.MatchesSql('^', "jsonb_exists_any(d.data -> 'tags', ^)", new object[] { query.Tags.ToArray() }))
                : q.Where(x => x.MatchesSql('^', "d.data -> 'tags' @> ^::jsonb", JsonSerializer.Serialize(query.Tags)));
        }
        var rows = await q.OrderBy(x => x.CreatedAt).ThenBy(x => x.Id).Skip(query.Offset).Take(query.Size + 1).ToListAsync(cancellation);
        var more = rows.Count > query.Size;
        return (more ? rows.Take(query.Size).ToArray<ConfigEntity>() : rows.ToArray<ConfigEntity>(), more);
    }

    private static string Checked(string field) =>
        FieldName().IsMatch(field) ? field : throw new ArgumentException("not a field name: " + field, nameof(field));

    [GeneratedRegex("^[a-z_]{1,64}$")]
    private static partial Regex FieldName();
}
