using System.Text.Json.Nodes;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.Tests.Support;

/// <summary>Runs a raw plugin config through its definition, as the reader does for a plugin entity.</summary>
public static class PluginConfigs
{
    public static PluginDefinition Definition(string name) =>
        PluginCatalog.Default.Find(name) ?? throw new InvalidOperationException("no plugin " + name);

    /// <summary>The "path: message" lines for a config, relative to the plugin's config record.</summary>
    public static string[] Errors(string plugin, string json)
    {
        var errors = new FieldErrors();
        var normalized = Definition(plugin).Normalize(JsonNode.Parse(json), errors);
        Assert.Equal(errors.IsEmpty, normalized is not null);
        return errors.Describe().ToArray();
    }

    /// <summary>The config as stored: every default filled.</summary>
    public static JsonNode Normalized(string plugin, string json)
    {
        var errors = new FieldErrors();
        var normalized = Definition(plugin).Normalize(JsonNode.Parse(json), errors);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.Describe()));
        return JsonNode.Parse(normalized!.Value.GetRawText())!;
    }

    /// <summary>Exactly one error, at <paramref name="path"/>, whose message contains <paramref name="fragment"/>.</summary>
    public static void AssertOnlyError(string[] errors, string path, string fragment)
    {
        var line = Assert.Single(errors);
        Assert.StartsWith(path + ": ", line, StringComparison.Ordinal);
        Assert.Contains(fragment, line, StringComparison.Ordinal);
    }

    /// <summary>The normalized config equals <paramref name="expectedJson"/>, field for field.</summary>
    public static void AssertNormalizesTo(string plugin, string json, string expectedJson)
    {
        var actual = Normalized(plugin, json);
        var expected = JsonNode.Parse(expectedJson)!;
        Assert.True(JsonNode.DeepEquals(expected, actual), "expected " + expected.ToJsonString() + "\nactual   " + actual.ToJsonString());
    }
}
