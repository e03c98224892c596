using System.Reflection;
using HybridGateway.ControlPlane.Hosting;
using HybridGateway.DataPlane.Hosting;

namespace HybridGateway.FunctionalTests.Deploy;

/// <summary>
/// Whether an HGW_ environment variable names a real setting: HGW_ControlPlane__ClusterTls__KeyPath
/// must lead, property by property (case-insensitive, as the configuration binder reads it), to a
/// setting of ControlPlaneOptions. A misspelt one would be ignored by the host without a word.
/// </summary>
public static class SettingKeys
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [ControlPlaneOptions.Section] = typeof(ControlPlaneOptions),
        [DataPlaneOptions.Section] = typeof(DataPlaneOptions),
    };

    /// <summary>Null when the variable names a setting; otherwise why not.</summary>
    public static string? Problem(string variable)
    {
        if (!variable.StartsWith("HGW_", StringComparison.Ordinal))
        {
            return variable + " does not start with HGW_";
        }
        var parts = variable["HGW_".Length..].Split("__");
        if (!Sections.TryGetValue(parts[0], out var type))
        {
            return variable + ": no settings section '" + parts[0] + "'";
        }
        for (var i = 1; i < parts.Length; i++)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                return i == parts.Length - 1 ? null : variable + ": '" + parts[i] + "' is a map entry, it has no settings below it";
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            {
                return i == parts.Length - 1 && int.TryParse(parts[i], out _) ? null : variable + ": a list takes an index (0, 1, ...) and nothing below it";
            }
            var property = type.GetProperty(parts[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
            {
                return variable + ": " + type.Name + " has no setting '" + parts[i] + "'";
            }
            type = property.PropertyType;
        }
        return type.IsClass && type != typeof(string) ? variable + " names a whole section, not a setting" : null;
    }
}
