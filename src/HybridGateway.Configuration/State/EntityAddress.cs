using HybridGateway.Configuration.Entities;

namespace HybridGateway.Configuration.State;

/// <summary>An entity's kind and id: enough to find it.</summary>
public readonly record struct EntityAddress(EntityKind Kind, Guid Id)
{
    public override string ToString() => Kind.Name + "/" + Id;
}
