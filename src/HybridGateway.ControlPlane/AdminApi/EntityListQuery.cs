namespace HybridGateway.ControlPlane.AdminApi;

/// <summary>A page of a list: parent scope, tag filter (all or any), equality filters, offset and size.</summary>
public sealed record EntityListQuery
{
    public string? ParentField { get; init; }

    public Guid? ParentId { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool AnyTag { get; init; }

    public IReadOnlyList<(string Field, string Value)> Filters { get; init; } = [];

    public int Offset { get; init; }

    public int Size { get; init; } = 100;
}
