using System.Net;
using System.Text;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.ControlPlane;

/// <summary>GET and POST /config: the whole config as a decK-style document.</summary>
public sealed class DeclarativeConfigTests
{
    private const string Document = """
        _format_version: "3.0"
        services:
        - name: orders
          url: http://orders.internal:8080/api
          routes:
          - name: orders-route
            paths: [/orders]
            methods: [GET, POST]
            plugins:
            - name: rate-limiting
              config: { minute: 100, policy: local }
          plugins:
          - name: key-auth
        consumers:
        - username: shop
          keyauth_credentials:
          - key: shop-key-123
          acls:
          - group: buyers
        upstreams:
        - name: orders.internal
          targets:
          - target: 10.0.0.1:8080
            weight: 100
          - target: 10.0.0.2:8080
            weight: 50
        plugins:
        - name: correlation-id
        """;

    [Fact]
    public async Task Export_ImportIntoAnEmptyStore_ExportsTheSameDocument()
    {
        await using var source = await IsolatedControlPlane.StartAsync();
        var imported = await source.Admin.Send(HttpMethod.Post, "/config", Yaml(Document));
        Assert.Equal(HttpStatusCode.Created, imported.Status);
        Assert.Equal(1, imported.Object["version"]!.GetValue<long>());
        var exported = await source.Admin.GetJson("/config");

        await using var target = await IsolatedControlPlane.StartAsync();
        var reimported = await target.Admin.Send(HttpMethod.Post, "/config", Yaml(exported.Body!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Created, reimported.Status);
        var again = await target.Admin.GetJson("/config");
        Assert.Equal(exported.Body!.GetValue<string>(), again.Body!.GetValue<string>());
    }

    [Fact]
    public async Task Import_OfTheSameDocumentTwice_WritesOneVersion()
    {
        await using var cp = await IsolatedControlPlane.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await cp.Admin.Send(HttpMethod.Post, "/config", Yaml(Document))).Status);
        var second = await cp.Admin.Send(HttpMethod.Post, "/config", Yaml(Document));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Empty(second.Object["changes"]!.AsArray());
        Assert.Equal(1, await cp.Admin.ConfigVersionAsync());
    }

    [Fact]
    public async Task DryRun_ReturnsTheDiff_AndWritesNothing()
    {
        await using var cp = await IsolatedControlPlane.StartAsync();
        await cp.Admin.PostJson("/services", new { name = "legacy", host = "legacy.example.com" });
        var dry = await cp.Admin.Send(HttpMethod.Post, "/config?dry_run=true", Yaml(Document));
        Assert.Equal(HttpStatusCode.OK, dry.Status);
        Assert.True(dry.Object["dry_run"]!.GetValue<bool>());
        Assert.Equal(1, dry.Object["summary"]!["delete"]!.GetValue<int>());
        Assert.True(dry.Object["summary"]!["create"]!.GetValue<int>() >= 10);
        Assert.Equal(1, await cp.Admin.ConfigVersionAsync());
        Assert.Equal(HttpStatusCode.OK, (await cp.Admin.GetJson("/services/legacy")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await cp.Admin.GetJson("/services/orders")).Status);
    }

    [Fact]
    public async Task Import_OfOneHundredEntitiesWithOneBad_Is400NamingIt_AndWritesNothing()
    {
        await using var cp = await IsolatedControlPlane.StartAsync();
        var yaml = new StringBuilder("_format_version: \"3.0\"\nservices:\n");
        for (var i = 0; i < 100; i++)
        {
            var port = i == 57 ? "\"eighty\"" : "80";
            yaml.Append("- name: svc-").Append(i).Append("\n  host: host").Append(i).Append(".example.com\n  port: ").Append(port).Append('\n');
        }
        var reply = await cp.Admin.Send(HttpMethod.Post, "/config", Yaml(yaml.ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(14, reply.Object["code"]!.GetValue<int>());
        Assert.Equal("expected an integer", reply.Object["fields"]!["services"]!["57"]!["port"]!.GetValue<string>());
        var flattened = Assert.Single(reply.Object["flattened_errors"]!.AsArray());
        Assert.Equal("svc-57", flattened!["entity_name"]!.GetValue<string>());
        Assert.Equal(0, await cp.Admin.ConfigVersionAsync());
    }

    [Theory]
    [InlineData("services: [ {name: x", "Cannot parse declarative config")]
    [InlineData("_format_version: \"9.9\"", "_format_version")]
    [InlineData("_format_version: \"3.0\"\nconsumer_groups: []", "consumer groups are not supported")]
    [InlineData("_format_version: \"3.0\"\nservices:\n- name: a\n  host: a.example.com\n- name: a\n  host: b.example.com", "UNIQUE violation")]
    [InlineData("_format_version: \"3.0\"\nroutes:\n- name: r\n  paths: [/r]\n  service: {name: missing}", "missing")]
    public async Task Import_OfAnInvalidDocument_Is400(string yaml, string expected)
    {
        await using var cp = await IsolatedControlPlane.StartAsync();
        var reply = await cp.Admin.Send(HttpMethod.Post, "/config", Yaml(yaml));
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(expected, reply.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await cp.Admin.ConfigVersionAsync());
    }

    [Fact]
    public async Task Export_AsJson_IsTheSameDocument()
    {
        await using var cp = await IsolatedControlPlane.StartAsync();
        await cp.Admin.Send(HttpMethod.Post, "/config", Yaml(Document));
        var json = await cp.Admin.GetJson("/config?format=json");
        Assert.Equal("3.0", json.Object["_format_version"]!.GetValue<string>());
        Assert.Equal("orders", json.Object["services"]![0]!["name"]!.GetValue<string>());
        Assert.Null(json.Object["consumers"]![0]!["keyauth_credentials"]![0]!["key"]);
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");
}
