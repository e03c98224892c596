using System.Net;
using System.Text;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.ControlPlane;

/// <summary>Bad bodies get a clear error naming the field and reason, and no version is written.</summary>
public sealed class BadInputTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    [Theory]
    [InlineData("{\"name\": \"x\", ", "Cannot parse JSON body", null)]
    [InlineData("[1, 2]", "expected a JSON object", null)]
    [InlineData("{\"host\": \"example.com\", \"colour\": \"red\"}", "unknown field", "colour")]
    [InlineData("{\"host\": \"example.com\", \"port\": \"eighty\"}", "expected an integer", "port")]
    [InlineData("{\"host\": \"example.com\", \"port\": 70000}", "value should be between 0 and 65535", "port")]
    [InlineData("{\"host\": \"example.com\", \"retries\": true}", "expected an integer", "retries")]
    [InlineData("{\"host\": 42}", "expected a string", "host")]
    [InlineData("{\"name\": \"no-host\"}", "required field missing", "host")]
    [InlineData("{\"host\": \"example.com\", \"protocol\": \"gopher\"}", "expected one of", "protocol")]
    [InlineData("{\"host\": \"bad host!\"}", "invalid hostname", "host")]
    public async Task ServiceBody_ThatIsBad_Is400NamingTheField_AndWritesNothing(string body, string message, string? field)
    {
        var before = await fixture.Admin.ConfigVersionAsync();
        var reply = await fixture.Admin.Send(HttpMethod.Post, "/services", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(message, reply.Object["message"]!.GetValue<string>(), StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Contains(message, reply.Object["fields"]![field]!.GetValue<string>(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await fixture.Admin.ConfigVersionAsync());
    }

    [Fact]
    public async Task SeveralBadFields_AreAllReported()
    {
        var reply = await fixture.Admin.PostJson("/services", new { host = 1, port = "x", retries = -1, extra = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var fields = reply.Object["fields"]!.AsObject();
        Assert.Equal(["extra", "host", "port", "retries"], fields.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.StartsWith("4 schema violations", reply.Object["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_OverOneMebibyte_IsRefusedAsTooLarge_AndWritesNothing()
    {
        var before = await fixture.Admin.ConfigVersionAsync();
        var big = "{\"host\": \"example.com\", \"tags\": [\"" + new string('a', 1024 * 1024) + "\"]}";
        var reply = await fixture.Admin.Send(HttpMethod.Post, "/services", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Contains("request body too large", reply.Object["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Admin.ConfigVersionAsync());
    }

    [Fact]
    public async Task PluginConfig_IsCheckedByThePluginsOwnSchema()
    {
        var before = await fixture.Admin.ConfigVersionAsync();
        var reply = await fixture.Admin.PostJson("/plugins", new { name = "rate-limiting", config = new { minute = 10, second = 20, hour = 0 } });
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var config = reply.Object["fields"]!["config"]!.AsObject();
        Assert.Contains("cannot be lower than the limit for second", config["minute"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("value must be greater than 0", config["hour"]!.GetValue<string>());
        Assert.Equal(before, await fixture.Admin.ConfigVersionAsync());
    }

    [Theory]
    [InlineData("""{"second":-1}""", "second", "value should be between 0 and")]
    [InlineData("""{"minute":0}""", "minute", "value must be greater than 0")]
    [InlineData("""{"limit_by":"ip"}""", "@entity", "at least one of these fields must be non-empty")]
    [InlineData("""{"minute":5,"limit_by":"header"}""", "header_name", "required field missing when 'limit_by' is 'header'")]
    [InlineData("""{"minute":5,"limit_by":"path"}""", "path", "required field missing when 'limit_by' is 'path'")]
    public async Task RateLimitingConfig_Bad_Is400NamingTheField(string config, string field, string message)
    {
        var before = await fixture.Admin.ConfigVersionAsync();
        var reply = await fixture.Admin.PostJson("/plugins", new { name = "rate-limiting", config = System.Text.Json.Nodes.JsonNode.Parse(config) });
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(message, reply.Object["fields"]!["config"]![field]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Admin.ConfigVersionAsync());
    }

    [Fact]
    public async Task UnknownPlugin_Is400NamingIt()
    {
        var reply = await fixture.Admin.PostJson("/plugins", new { name = "post-function" });
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("plugin 'post-function' is not supported by this gateway", reply.Object["fields"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnsupportedContentType_Is415()
    {
        var reply = await fixture.Admin.Send(HttpMethod.Post, "/services", new StringContent("host: example.com", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.Status);
    }

    [Fact]
    public async Task ExpressionsRouterField_IsRefusedWithTheReason()
    {
        var reply = await fixture.Admin.PostJson("/routes", new { expression = "http.path == \"/a\"" });
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("expressions router is not supported", reply.Object["fields"]!["expression"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
