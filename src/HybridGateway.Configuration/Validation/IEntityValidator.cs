using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>The rules of one entity kind that go beyond field types: cross-field checks, formats, regexes.</summary>
public interface IEntityValidator
{
    EntityKind Kind { get; }

    /// <summary>Adds every problem found to <paramref name="errors"/>; never stops at the first.</summary>
    void Validate(ConfigEntity entity, FieldErrors errors);
}
