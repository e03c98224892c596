using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.State;

namespace HybridGateway.Configuration.Validation;

/// <summary>Runs the per-kind validators on one entity and turns what they find into a schema violation.</summary>
public sealed class EntityValidation
{
    private readonly IEntityValidator[][] _byKind;
    private readonly bool _checkTags;

    public EntityValidation(IEnumerable<IEntityValidator> validators)
        : this(validators, checkTags: true)
    {
    }

    private EntityValidation(IEnumerable<IEntityValidator> validators, bool checkTags)
    {
        _byKind = EntityKinds.All
            .Select(kind => validators.Where(v => v.Kind == kind).ToArray())
            .ToArray();
        _checkTags = checkTags;
    }

    /// <summary>
    /// No per-entity rules, for replaying versions that were validated when they were written:
    /// a rule tightened later must not make history unreadable. References and unique keys are still checked.
    /// </summary>
    public static EntityValidation Trusted { get; } = new([], checkTags: false);

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
        if (_checkTags)
        {
            TagRules.Validate(entity.Tags, fields);
        }
        foreach (var validator in _byKind[kind.Ordinal])
        {
            validator.Validate(entity, fields);
        }
        fields.Prune();
        return fields;
    }
}
