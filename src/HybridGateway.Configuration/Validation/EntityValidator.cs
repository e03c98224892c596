using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>Base for a validator of one entity type.</summary>
public abstract class EntityValidator<T> : IEntityValidator
    where T : ConfigEntity
{
    public EntityKind Kind => EntityKinds.Of<T>();

    public void Validate(ConfigEntity entity, FieldErrors errors) => Validate((T)entity, errors);

    protected abstract void Validate(T entity, FieldErrors errors);
}
