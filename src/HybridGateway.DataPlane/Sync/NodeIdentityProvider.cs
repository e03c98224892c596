using HybridGateway.DataPlane.Hosting;
using Microsoft.Extensions.Options;

namespace HybridGateway.DataPlane.Sync;

/// <summary>The node id: configured, or generated once and kept beside the config cache so restarts keep it.</summary>
public sealed class NodeIdentityProvider(IOptions<DataPlaneOptions> options)
{
    private readonly Lazy<string> _id = new(() => Resolve(options.Value));

    public string NodeId => _id.Value;

    private static string Resolve(DataPlaneOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.NodeId))
        {
            return options.NodeId;
        }
        var path = Path.Combine(options.CacheDirectory, "node-id");
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } stored)
        {
            return stored;
        }
        Directory.CreateDirectory(options.CacheDirectory);
        var generated = Guid.NewGuid().ToString();
        File.WriteAllText(path, generated);
        return generated;
    }
}
