namespace HybridGateway.Configuration.Plugins;

/// <summary>The entities a plugin may be attached to.</summary>
[Flags]
public enum PluginScopes
{
    None = 0,
    Service = 1,
    Route = 2,
    Consumer = 4,
    All = Service | Route | Consumer,
    NoConsumer = Service | Route,
}
