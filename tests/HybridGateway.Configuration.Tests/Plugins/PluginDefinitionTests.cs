using System.Text.Json.Nodes;
using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;
using HybridGateway.Plugins;
using HybridGateway.Plugins.KeyAuth;

namespace HybridGateway.Configuration.Tests.Plugins;

public sealed class PluginDefinitionTests
{
    private static readonly PluginDefinition KeyAuth = PluginCatalog.Default.Find("key-auth")!;

    [Fact]
    public void Normalize_NullConfig_IsTheSameAsAnEmptyConfig()
    {
        var errors = new FieldErrors();

        var fromNull = KeyAuth.Normalize(null, errors)!.Value;
        var fromEmpty = KeyAuth.Normalize(new JsonObject(), errors)!.Value;

        Assert.True(errors.IsEmpty);
        Assert.Equal(fromEmpty.GetRawText(), fromNull.GetRawText());
        Assert.Equal(["apikey"], Assert.IsType<KeyAuthConfig>(KeyAuth.Read(fromNull)).KeyNames);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"apikey\"")]
    [InlineData("5")]
    public void Normalize_ConfigThatIsNotAnObject_ReportsEntity(string json)
    {
        var errors = new FieldErrors();

        var normalized = KeyAuth.Normalize(JsonNode.Parse(json), errors);

        Assert.Null(normalized);
        Assert.Equal(["@entity: expected a record"], errors.Describe());
    }

    [Fact]
    public void Normalize_ShapeErrors_SkipTheCrossFieldRules()
    {
        var errors = new FieldErrors();

        var normalized = KeyAuth.Normalize(JsonNode.Parse("""{"key_names":[],"key_in_header":false,"key_in_query":false}"""), errors);

        Assert.Null(normalized);
        Assert.Equal(["key_names: length must be at least 1"], errors.Describe());
    }

    [Fact]
    public void Normalize_IsIdempotent()
    {
        var once = KeyAuth.Normalize(JsonNode.Parse("""{"key_names":["x-api-key"],"hide_credentials":true}"""), new FieldErrors())!.Value;

        var twice = KeyAuth.Normalize(JsonNode.Parse(once.GetRawText()), new FieldErrors())!.Value;

        Assert.Equal(once.GetRawText(), twice.GetRawText());
    }

    [Fact]
    public void Read_NullConfig_GivesTheDefaultRecord() =>
        Assert.Equal(["apikey"], Assert.IsType<KeyAuthConfig>(KeyAuth.Read(null)).KeyNames);
}
