using HybridGateway.Configuration.Entities;

namespace HybridGateway.Configuration.Input;

/// <summary>Turns a reference written by name (a service's name, a consumer's username) into an entity id.</summary>
public interface IReferenceResolver
{
    Guid? ResolveName(EntityKind kind, string name);
}
