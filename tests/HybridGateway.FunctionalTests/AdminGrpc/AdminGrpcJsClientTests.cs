using System.Text.Json.Nodes;
using Google.Rpc;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.AdminGrpc;

/// <summary>Every gRPC Admin API operation, from the independent Node.js client that knows only admin.proto, against a real control plane and PostgreSQL.</summary>
[Collection(ProcessCollection.Name)]
public sealed class AdminGrpcJsClientTests
{
    private const string Document = """
        _format_version: "3.0"
        services:
        - name: declared
          url: http://declared.internal:8080
          routes:
          - name: declared-route
            paths: [/declared]
        consumers:
        - username: declared-user
        """;

    [Fact]
    public async Task EveryOperation_WorksFromTheProtoAlone()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var port = hybrid.ControlPlane.AdminGrpcPort;
        var results = await AdminGrpcJsClient.BatchAsync(port, ControlPlaneHost.Token,
            ("CreateEntity", new { kind = "services", entity = new { name = "orders", url = "http://orders.internal:8080/v1", tags = new[] { "team-a" } }, reason = "grpc create" }),
            ("CreateEntity", new { kind = "routes", parent = new { kind = "services", key = "orders" }, entity = new { name = "orders-route", paths = new[] { "/orders" } } }),
            ("GetEntity", new { kind = "services", key = "orders" }),
            ("ListEntities", new { kind = "services", tags = new[] { "team-a" } }),
            ("ListEntities", new { kind = "routes", parent = new { kind = "services", key = "orders" } }),
            ("PatchEntity", new { kind = "services", key = "orders", entity = new { retries = 2 } }),
            ("UpsertEntity", new { kind = "consumers", key = "alice", entity = new { custom_id = "a-1" } }),
            ("CreateEntity", new { kind = "key-auth", parent = new { kind = "consumers", key = "alice" }, entity = new { key = "alice-secret-key-123" } }),
            ("ListEntities", new { kind = "key-auth", parent = new { kind = "consumers", key = "alice" } }),
            ("DeleteEntity", new { kind = "routes", key = "orders-route" }),
            ("ApplyConfig", new { document = Document, dry_run = true }),
            ("ListHistory", new { size = 2 }),
            ("ExportConfig", new { format = "json" }),
            ("ListDataPlanes", new { }),
            ("ListTokens", new { }));

        Assert.All(results, r => Assert.True(r["ok"]!.GetValue<bool>(), r.ToJsonString()));
        var created = results[0]["response"]!;
        Assert.Equal("orders.internal", created["entity"]!["host"]!.GetValue<string>());
        Assert.Equal("/v1", created["entity"]!["path"]!.GetValue<string>());
        Assert.Equal("orders-route", results[1]["response"]!["entity"]!["name"]!.GetValue<string>());
        Assert.Equal(created["entity"]!["id"]!.GetValue<string>(), results[2]["response"]!["entity"]!["id"]!.GetValue<string>());
        Assert.Equal("orders", results[3]["response"]!["data"]!.AsArray().Single()!["name"]!.GetValue<string>());
        Assert.Equal("orders-route", results[4]["response"]!["data"]!.AsArray().Single()!["name"]!.GetValue<string>());
        Assert.Equal(2, results[5]["response"]!["entity"]!["retries"]!.GetValue<double>());
        Assert.Equal("a-1", results[6]["response"]!["entity"]!["custom_id"]!.GetValue<string>());
        Assert.Single(results[8]["response"]!["data"]!.AsArray());
        var dryRun = results[10]["response"]!;
        Assert.True(dryRun["dry_run"]!.GetValue<bool>());
        Assert.Equal("3", dryRun["summary"]!["create"]!.ToString());
        var history = results[11]["response"]!["data"]!.AsArray();
        Assert.Equal("token:bootstrap", history[0]!["actor"]!.GetValue<string>());
        Assert.Equal("delete", history[0]!["changes"]![0]!["op"]!.GetValue<string>());
        var versionAfterDelete = long.Parse(history[0]!["version"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("\"orders\"", results[12]["response"]!["document"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("bootstrap", results[14]["response"]!["data"]!.AsArray().Single()!["name"]!.GetValue<string>());
        // The first write's reason is in the history REST shows: one log, two APIs.
        var restHistory = (await hybrid.Admin.GetJson("/config/history?size=100")).Object["data"]!.AsArray();
        Assert.Contains(restHistory, e => e!["reason"]?.GetValue<string>() == "grpc create");

        var config = await AdminGrpcJsClient.BatchAsync(port, ControlPlaneHost.Token,
            ("ApplyConfig", new { document = Document, reason = "declared" }),
            ("ExportConfig", new { version = versionAfterDelete }),
            ("DiffConfig", new { from = versionAfterDelete, to = versionAfterDelete + 1 }),
            ("Rollback", new { version = versionAfterDelete, reason = "undo the import" }));
        Assert.All(config, r => Assert.True(r["ok"]!.GetValue<bool>(), r.ToJsonString()));
        Assert.Equal((versionAfterDelete + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), config[0]["response"]!["version"]!.GetValue<string>());
        Assert.Contains("orders.internal", config[1]["response"]!["document"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("declared", config[1]["response"]!["document"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(config[2]["response"]!["changes"]!.AsArray(), c => c!["name"]?.GetValue<string>() == "declared-route");
        Assert.Equal(versionAfterDelete.ToString(System.Globalization.CultureInfo.InvariantCulture), config[3]["response"]!["restored_version"]!.GetValue<string>());
        Assert.Equal(404, (await hybrid.Admin.GetJson("/services/declared")).Status is System.Net.HttpStatusCode.NotFound ? 404 : 0);
    }

    [Fact]
    public async Task HoldsRolloutsUpstreamHealthAndStatus_WorkFromTheProtoAlone()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var version = await hybrid.AddEchoRouteAsync("held", "/held");
        Assert.Equal(System.Net.HttpStatusCode.Created, (await hybrid.Admin.PostJson("/upstreams", new { name = "pool.internal" })).Status);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await hybrid.Admin.PostJson("/upstreams/pool.internal/targets", new { target = "10.0.0.1:80" })).Status);
        version = await hybrid.Admin.ConfigVersionAsync();
        var results = await AdminGrpcJsClient.BatchAsync(hybrid.ControlPlane.AdminGrpcPort, ControlPlaneHost.Token,
            ("PutHold", new { name = "eu-freeze", selector = new { region = "eu-west" }, version }),
            ("ListHolds", new { }),
            ("DeleteHold", new { name = "eu-freeze" }),
            ("StartRollout", new { rollout = new { name = "v2", wait_seconds = 5, waves = new object[] { new { name = "canary", selector = new { ring = "canary" } }, new { name = "rest" } } } }),
            ("GetRollout", new { name = "v2" }),
            ("ListRollouts", new { }),
            ("DeleteRollout", new { name = "v2" }),
            ("GetUpstreamHealth", new { upstream = "pool.internal" }),
            ("GetStatus", new { }),
            ("GetRollout", new { name = "no-such-rollout" }));

        Assert.All(results.Take(9), r => Assert.True(r["ok"]!.GetValue<bool>(), r.ToJsonString()));
        Assert.Equal("eu-west", results[0]["response"]!["body"]!["selector"]!["region"]!.GetValue<string>());
        Assert.Equal("eu-freeze", results[1]["response"]!["body"]!["data"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("v2", results[4]["response"]!["body"]!["name"]!.GetValue<string>());
        Assert.Equal("HEALTHCHECKS_OFF", results[7]["response"]!["body"]!["data"]![0]!["health"]!.GetValue<string>());
        Assert.Equal(version, results[8]["response"]!["body"]!["config"]!["version"]!.GetValue<double>());
        Assert.Equal("NOT_FOUND", results[9]["code"]!.GetValue<string>());
        Assert.Empty((await hybrid.Admin.GetJson("/clustering/holds")).Object["data"]!.AsArray());
    }

    [Fact]
    public async Task EachErrorKind_IsAStatusCode_WithTheFieldsNamed()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var port = hybrid.ControlPlane.AdminGrpcPort;
        var version = await hybrid.AddEchoRouteAsync("taken", "/taken");
        var results = await AdminGrpcJsClient.BatchAsync(port, ControlPlaneHost.Token,
            ("CreateEntity", new { kind = "services", entity = new { name = "bad", host = "x.internal", port = 70000, retries = "many" } }),
            ("GetEntity", new { kind = "services", key = "no-such-service" }),
            ("CreateEntity", new { kind = "services", entity = new { name = "taken", host = "x.internal" } }),
            ("CreateEntity", new { kind = "services", entity = new { name = "late", host = "x.internal" }, expected_version = version - 1 }),
            ("ListEntities", new { kind = "gateways" }),
            ("ApplyConfig", new { document = "_format_version: \"3.0\"\nservices:\n- name: broken\n  port: -1\n" }),
            ("Rollback", new { version = 999999 }),
            ("ExportConfig", new { format = "xml" }));

        Assert.All(results, r => Assert.False(r["ok"]!.GetValue<bool>(), r.ToJsonString()));
        Assert.Equal(["INVALID_ARGUMENT", "NOT_FOUND", "ALREADY_EXISTS", "ABORTED", "INVALID_ARGUMENT", "INVALID_ARGUMENT", "NOT_FOUND", "INVALID_ARGUMENT"],
            results.Select(r => r["code"]!.GetValue<string>()));
        var schema = AdminGrpcJsClient.Details(results[0]);
        var violations = schema.Details.Single(d => d.Is(BadRequest.Descriptor)).Unpack<BadRequest>().FieldViolations;
        Assert.Contains(violations, v => v.Field == "port");
        Assert.Contains(violations, v => v.Field == "retries");
        Assert.Equal("SCHEMA_VIOLATION", schema.Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>().Reason);
        var conflict = AdminGrpcJsClient.Details(results[3]).Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>();
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), conflict.Metadata["current_version"]);
        Assert.Contains(AdminGrpcJsClient.Details(results[4]).Details.Single(d => d.Is(BadRequest.Descriptor)).Unpack<BadRequest>().FieldViolations, v => v.Field == "kind");
        Assert.Contains("services", results[5]["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(version, await hybrid.Admin.ConfigVersionAsync());

        var anonymous = await AdminGrpcJsClient.BatchAsync(port, null, ("ListEntities", new { kind = "services" }));
        Assert.Equal("UNAUTHENTICATED", anonymous[0]["code"]!.GetValue<string>());
        var wrong = await AdminGrpcJsClient.BatchAsync(port, "not-a-token-not-a-token", ("ListEntities", new { kind = "services" }));
        Assert.Equal("UNAUTHENTICATED", wrong[0]["code"]!.GetValue<string>());
    }
}
