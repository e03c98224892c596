using System.Text.Json.Nodes;
using HybridGateway.Configuration.Declarative;
using HybridGateway.Configuration.Input;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Validation;
using HybridGateway.Plugins;

namespace HybridGateway.Configuration.Tests.Support;

/// <summary>The real reader, validation and importer, wired as the control plane wires them.</summary>
public static class TestConfig
{
    public static EntityValidation Validation { get; } = EntityValidation.Create(PluginCatalog.Default);

    /// <summary>
    /// A fixed clock: an import and the re-import of its export (which drops timestamps) must get the
    /// same created_at and updated_at, and so the same hash, even when a second ticks between them.
    /// </summary>
    public static TimeProvider Clock { get; } = new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static EntityReader Reader { get; } = new(PluginCatalog.Default, Clock);

    public static DeclarativeImporter Importer { get; } = new(Reader, Validation);

    public static ImportPlan ImportYaml(string yaml, ConfigState? current = null) =>
        Importer.Plan(YamlJson.Parse(yaml), current ?? ConfigState.Empty);

    public static ConfigState Import(string yaml, ConfigState? current = null)
    {
        var plan = ImportYaml(yaml, current);
        Assert.True(plan.Success, string.Join("\n", plan.Errors.Describe()));
        return plan.Result!;
    }

    public static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();
}
