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
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DeclarativeFormatException>(() => YamlJson.Parse(yaml.ToString()));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("expands to more than", error.Message, StringComparison.Ordinal);
        // Refused within a budget proportional to the document (about 700 bytes here), not after expanding a billion values.
        Assert.True(allocated < 32 * 1024 * 1024, "allocated " + allocated + " bytes");
    }

    [Fact]
    public void Parse_ALegitimateUseOfAliases_IsRead()
    {
        var yaml = "defaults: &defaults {retries: 5, connect_timeout: 1000}\nservices:\n- {name: a, <<: *defaults}\n- name: b\n  tags: *defaults\n";
        Assert.NotNull(YamlJson.Parse(yaml));
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
