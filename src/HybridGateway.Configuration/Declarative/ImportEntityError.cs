namespace HybridGateway.Configuration.Declarative;

/// <summary>One rejected entity of a declarative file, named by its place, kind, name and id.</summary>
public sealed record ImportEntityError(string EntityPath, string EntityType, string? EntityName, Guid? EntityId, IReadOnlyList<string> Errors);
