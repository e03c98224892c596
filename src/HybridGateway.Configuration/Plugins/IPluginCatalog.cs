namespace HybridGateway.Configuration.Plugins;

/// <summary>The plugins this build knows, by name.</summary>
public interface IPluginCatalog
{
    IReadOnlyCollection<PluginDefinition> All { get; }

    PluginDefinition? Find(string name);
}
