using System.Net;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Cli;

/// <summary>hgw apply and export against a real control plane: dry run, confirmation, decK env templates, refusals, round trip.</summary>
[Collection(ProcessCollection.Name)]
public sealed class CliApplyTests
{
    private const string Orders = """
        _format_version: "3.0"
        services:
        - name: orders
          url: ${{ env "DECK_ORDERS_URL" }}
          routes:
          - name: orders
            paths:
            - /orders
        """;

    [Fact]
    public async Task Apply_DryRunShowsTheDiff_WritesOnlyWithYes_AndExpandsTheDeckVariable()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        var file = workspace.Write("kong.yaml", Orders);
        var hgw = workspace.Hgw.With("DECK_ORDERS_URL", hybrid.Upstream.Url + "/api");
        var before = await hybrid.Admin.ConfigVersionAsync();

        var dry = await hgw.RunAsync("apply", file, "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("create", dry.Stdout);
        Assert.Contains("services", dry.Stdout);
        Assert.Contains("routes", dry.Stdout);
        Assert.Contains("2 changes (+2 ~0 -0)", dry.Stdout);
        Assert.DoesNotContain("\u001b", dry.Output);

        var dryJson = await hgw.RunAsync("apply", file, "--dry-run", "--output", "json");
        Assert.True(dryJson.ExitCode == 0, dryJson.ToString());
        Assert.Equal(2, dryJson.Json["dry_run"]!["summary"]!["create"]!.GetValue<int>());
        Assert.Null(dryJson.Json["applied"]);

        var unconfirmed = await hgw.RunAsync("apply", file);
        Assert.True(unconfirmed.ExitCode == 2, unconfirmed.ToString());
        Assert.Contains("--yes", unconfirmed.Stderr);
        Assert.Equal(before, await hybrid.Admin.ConfigVersionAsync());

        var applied = await hgw.RunAsync("apply", file, "--yes", "--reason", "OPS-7 orders", "--output", "json");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var version = CliJson.Long(applied.Json["applied"]!["version"]);
        Assert.Equal(CliJson.Long(applied.Json["dry_run"]!["version"]) + 1, version);
        Assert.Equal(version, await hybrid.Admin.ConfigVersionAsync());

        var service = (await hybrid.Admin.GetJson("/services/orders")).Object;
        Assert.Equal(hybrid.Upstream.Port, service["port"]!.GetValue<int>());
        Assert.Equal("/api", service["path"]!.GetValue<string>());
        var history = (await hybrid.Admin.GetJson("/config/history?size=1")).Object["data"]![0]!;
        Assert.Equal("OPS-7 orders", history["reason"]!.GetValue<string>());

        var again = await hgw.RunAsync("apply", file);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Nothing to apply", again.Stdout);
    }

    [Fact]
    public async Task Apply_WithAnUnsetDeckVariable_IsRefusedNamingIt_AndWritesNothing()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        var file = workspace.Write("kong.yaml", Orders);
        var before = await hybrid.Admin.ConfigVersionAsync();

        var refused = await workspace.Hgw.With("DECK_ORDERS_URL", null).RunAsync("apply", file, "--yes");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("'DECK_ORDERS_URL' is not set", refused.Stderr);
        Assert.Equal(before, await hybrid.Admin.ConfigVersionAsync());

        // As decK: only DECK_-prefixed variables may be read, whatever the environment holds.
        var unprefixed = workspace.Write("home.yaml", Orders.Replace("DECK_ORDERS_URL", "HOME", StringComparison.Ordinal));
        var notDeck = await workspace.Hgw.RunAsync("apply", unprefixed, "--yes");
        Assert.True(notDeck.ExitCode == 2, notDeck.ToString());
        Assert.Contains("line 4: environment variable 'HOME' cannot be used", notDeck.Stderr);
        Assert.Equal(before, await hybrid.Admin.ConfigVersionAsync());
    }

    [Fact]
    public async Task Apply_ASchemaViolation_EndsWithOne_NamingTheBadField()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        var file = workspace.Write("bad.json", """{"_format_version": "3.0", "services": [{"name": "bad", "host": "bad.internal", "port": "eighty"}]}""");

        var refused = await workspace.Hgw.RunAsync("apply", file, "--yes");
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("INVALID_ARGUMENT", refused.Stderr);
        Assert.Contains("port", refused.Stderr);

        var json = await workspace.Hgw.RunAsync("apply", file, "--yes", "--output", "json");
        Assert.Equal(1, json.ExitCode);
        Assert.Equal("", json.Stdout);
        var error = System.Text.Json.Nodes.JsonNode.Parse(json.Stderr)!["error"]!;
        Assert.Equal("INVALID_ARGUMENT", error["code"]!.GetValue<string>());
        Assert.Contains(error["field_violations"]!.AsArray(), v => v!["field"]!.GetValue<string>().EndsWith("port", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_ThenApplyingTheExport_ChangesNothing()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        await hybrid.AddEchoRouteAsync("exported", "/exported");
        var first = await hybrid.AddEchoRouteAsync("second", "/second");
        Assert.Equal(HttpStatusCode.Created, (await hybrid.Admin.PostJson("/consumers", new { username = "shop" })).Status);

        var path = workspace.File("exported.yaml");
        var export = await workspace.Hgw.RunAsync("export", "-o", path);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("exported", await File.ReadAllTextAsync(path));

        var dry = await workspace.Hgw.RunAsync("apply", path, "--dry-run", "--output", "json");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Equal(0, CliJson.Changes(dry.Json["dry_run"]!["summary"]));

        var past = await workspace.Hgw.RunAsync("export", "--version", first.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");
        Assert.True(past.ExitCode == 0, past.ToString());
        var document = System.Text.Json.Nodes.JsonNode.Parse(past.Stdout)!;
        Assert.Equal(2, document["services"]!.AsArray().Count);
        Assert.True(document["consumers"] is null || document["consumers"]!.AsArray().Count == 0, past.Stdout);
    }
}
