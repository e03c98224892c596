using HybridGateway.Configuration.Entities;
using Marten;

namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>Reads of one entity kind from the projected documents.</summary>
public interface IEntityQueries
{
    Task<ConfigEntity?> FindAsync(IQuerySession session, Guid id, CancellationToken cancellation);

    Task<ConfigEntity?> FindByFieldAsync(IQuerySession session, string field, string value, CancellationToken cancellation);

    /// <summary>One page, plus whether more follow.</summary>
    Task<(IReadOnlyList<ConfigEntity> Page, bool More)> ListAsync(IQuerySession session, EntityListQuery query, CancellationToken cancellation);
}
