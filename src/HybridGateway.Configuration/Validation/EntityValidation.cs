using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.State;

namespace HybridGateway.Configuration.Validation;

/// <summary>Runs the per-kind validators on one entity and turns what they find into a schema violation.</summary>
public sealed class EntityValidation
{
    private readonly IEntityValidator[][] _byKind;

    public EntityValidation(IEnumerable<IEntityValidator> validators)
    {
        _byKind = EntityKinds.All
            .Select(kind => validators.Where(v => v.Kind == kind).ToArray())
            .ToArray();
    }

    public static EntityValidation Create(IPluginCatalog plugins) => new(
    [
        new ServiceValidator(),
        new RouteValidator(),
        new UpstreamValidator(),
        new TargetValidator(),
        new ConsumerValidator(),
        new KeyAuthCredentialValidator(),
        new BasicAuthCredentialValidator(),
        new JwtSecretValidator(),
        new PluginValidator(plugins),
        new CertificateValidator(),
        new SniValidator(),
        new CaCertificateValidator(),
    ]);

    public void Validate(EntityAddress address, ConfigEntity entity, List<ConfigError> errors)
    {
        var fields = Validate(address.Kind, entity);
        if (!fields.IsEmpty)
        {
            errors.Add(ConfigError.Schema(address, fields));
        }
    }

    public FieldErrors Validate(EntityKind kind, ConfigEntity entity)
    {
        var fields = new FieldErrors();
        TagRules.Validate(entity.Tags, fields);
        foreach (var validator in _byKind[kind.Ordinal])
        {
            validator.Validate(entity, fields);
        }
        fields.Prune();
        return fields;
    }
}
