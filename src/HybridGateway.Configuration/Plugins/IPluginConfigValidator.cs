using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Plugins;

/// <summary>A plugin's cross-field rules on its deserialized config record.</summary>
public interface IPluginConfigValidator<in TConfig>
{
    void Validate(TConfig config, FieldErrors errors);
}
