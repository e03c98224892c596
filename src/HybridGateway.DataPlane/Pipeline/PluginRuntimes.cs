using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;

namespace HybridGateway.DataPlane.Pipeline;

/// <summary>
/// The plugins this data plane can run. A config that enables any other plugin is refused (NACK)
/// rather than served without it: a route configured with an auth plugin must never be open.
/// </summary>
public sealed class PluginRuntimes
{
    private readonly HashSet<string> _names;

    public PluginRuntimes(IEnumerable<string> names)
    {
        _names = new HashSet<string>(names, StringComparer.Ordinal);
    }

    /// <summary>This build runs no plugins yet; plugin runtimes are added one by one.</summary>
    public static PluginRuntimes Default { get; } = new([]);

    public IReadOnlyCollection<string> Names => _names;

    /// <summary>The enabled plugins among <paramref name="plugins"/> this node cannot run.</summary>
    public IReadOnlyList<Plugin> Unsupported(IEnumerable<ConfigEntity> plugins) =>
        plugins.OfType<Plugin>().Where(p => p.Enabled && !_names.Contains(p.Name)).ToArray();

    public IReadOnlyList<Plugin> Unsupported(ConfigState state) => Unsupported(state.All(EntityKinds.Plugins));
}
