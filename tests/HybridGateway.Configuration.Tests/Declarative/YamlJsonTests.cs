using System.Text;
using HybridGateway.Configuration.Declarative;

namespace HybridGateway.Configuration.Tests.Declarative;

public sealed class YamlJsonTests
{
    [Fact]
    public void Parse_AliasBomb_IsRefusedBeforeItExpands()
    {
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            yaml.Append('a').Append(i).Append(": &a").Append(i).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat("*a" + (i - 1), 10))).Append("]\n");
        }
        var error = Assert.Throws<DeclarativeFormatException>(() => YamlJson.Parse(yaml.ToString()));
        Assert.Contains("expands to more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeepNesting_IsRefused()
    {
        var yaml = string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100));
        var error = Assert.Throws<DeclarativeFormatException>(() => YamlJson.Parse(yaml));
        Assert.Contains("nests deeper than", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("port: 80", "{\"port\":80}")]
    [InlineData("port: \"80\"", "{\"port\":\"80\"}")]
    [InlineData("on: true\noff: ~", "{\"on\":true,\"off\":null}")]
    [InlineData("x: 1.5e3", "{\"x\":1500}")]
    public void Parse_PlainScalars_FollowTheCoreSchema(string yaml, string json) =>
        Assert.Equal(json, YamlJson.Parse(yaml)!.ToJsonString());
}
