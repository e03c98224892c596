using System.Reflection;

namespace HybridGateway.Sync;

/// <summary>Versions both ends of the sync stream announce, and the rule for what is compatible.</summary>
public static class SyncProtocol
{
    /// <summary>The version of the message contract in protos/hybridgateway/sync/v1.</summary>
    public const uint ProtocolVersion = 1;

    /// <summary>This build's version, "major.minor.patch".</summary>
    public static string SoftwareVersion { get; } =
        typeof(SyncProtocol).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// Null when a node of <paramref name="nodeVersion"/> may sync from a control plane of
    /// <paramref name="controlPlaneVersion"/>; otherwise the reason it may not. As in Kong: the same
    /// major version, and a node never newer (in minor) than its control plane.
    /// </summary>
    public static string? Incompatibility(string nodeVersion, string controlPlaneVersion)
    {
        if (!Version.TryParse(nodeVersion, out var node))
        {
            return "software_version '" + nodeVersion + "' is not major.minor.patch";
        }
        var controlPlane = Version.Parse(controlPlaneVersion);
        if (node.Major != controlPlane.Major)
        {
            return "node version " + nodeVersion + " has another major version than the control plane (" + controlPlaneVersion + ")";
        }
        return node.Minor > controlPlane.Minor
            ? "node version " + nodeVersion + " is newer than the control plane (" + controlPlaneVersion + "); upgrade the control plane first"
            : null;
    }
}
