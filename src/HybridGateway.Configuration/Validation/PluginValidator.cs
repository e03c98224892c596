using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>A plugin must be known, attached only where it may be, and its config must pass its own schema.</summary>
public sealed class PluginValidator(IPluginCatalog catalog) : EntityValidator<Plugin>
{
    protected override void Validate(Plugin plugin, FieldErrors errors)
    {
        if (plugin.InstanceName is { } instanceName && Names.KongName(instanceName) is { } nameError)
        {
            errors.Add("instance_name", nameError);
        }
        var definition = catalog.Find(plugin.Name);
        if (definition is null)
        {
            errors.Add("name", "plugin '" + plugin.Name + "' is not supported by this gateway");
            return;
        }
        CheckScope(plugin.Consumer, PluginScopes.Consumer, "consumer", definition, errors);
        CheckScope(plugin.Route, PluginScopes.Route, "route", definition, errors);
        CheckScope(plugin.Service, PluginScopes.Service, "service", definition, errors);
        foreach (var protocol in plugin.Protocols)
        {
            if (!definition.Protocols.Contains(protocol))
            {
                errors.Add("protocols", "plugin '" + plugin.Name + "' does not support protocol '" + protocol + "'");
            }
        }
        var configNode = plugin.Config is { } config ? JsonNode.Parse(config.GetRawText()) : null;
        definition.Normalize(configNode, errors.Child("config"));
    }

    private static void CheckScope(EntityRef? reference, PluginScopes scope, string field, PluginDefinition definition, FieldErrors errors)
    {
        if (reference is not null && !definition.Scopes.HasFlag(scope))
        {
            errors.Add(field, "value must be null");
        }
    }
}
