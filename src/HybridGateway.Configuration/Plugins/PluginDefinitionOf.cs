using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Plugins;

/// <summary>A plugin definition over its config record type and that record's validator.</summary>
public abstract class PluginDefinition<TConfig, TValidator> : PluginDefinition
    where TConfig : class
    where TValidator : IPluginConfigValidator<TConfig>, new()
{
    private readonly TValidator _validator = new();

    public sealed override Type ConfigType => typeof(TConfig);

    protected sealed override void ValidateTyped(object config, FieldErrors errors) => _validator.Validate((TConfig)config, errors);
}
