using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Cli;

/// <summary>hgw tokens create, list and revoke; a read-only token can read and nothing else; a revoked one is refused.</summary>
[Collection(ProcessCollection.Name)]
public sealed class CliTokensTests
{
    [Fact]
    public async Task Tokens_CreateShowsTheSecretOnce_ListShowsNoSecret_RevokeLocksItOut()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        var hgw = workspace.Hgw;

        var created = await hgw.RunAsync("tokens", "create", "ci-reader", "--role", "read-only", "--tag", "team-a", "--output", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var secret = created.Json["secret"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(secret));
        Assert.Equal("read-only", created.Json["token"]!["role"]!.GetValue<string>());

        var operatorToken = await hgw.RunAsync("tokens", "create", "ci-operator", "--role", "operator");
        Assert.True(operatorToken.ExitCode == 0, operatorToken.ToString());
        Assert.Contains("shown this once", operatorToken.Stdout);
        var operatorSecret = operatorToken.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
        Assert.Equal(0, (await hgw.With("HGW_TOKEN", operatorSecret).RunAsync("history")).ExitCode);

        var list = await hgw.RunAsync("tokens", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("ci-reader", list.Stdout);
        Assert.Contains("team-a", list.Stdout);
        Assert.Contains("ci-operator", list.Stdout);
        Assert.DoesNotContain(secret, list.Stdout);
        Assert.DoesNotContain(operatorSecret, list.Stdout);

        var reader = hgw.With("HGW_TOKEN", secret);
        Assert.Equal(0, (await reader.RunAsync("history")).ExitCode);
        var forbidden = await reader.RunAsync("tokens", "list");
        Assert.True(forbidden.ExitCode == 1, forbidden.ToString());
        Assert.Contains("PERMISSION_DENIED", forbidden.Stderr);
        var write = await reader.RunAsync("apply", workspace.Write("empty.yaml", "_format_version: \"3.0\"\nconsumers:\n- username: x\n"), "--yes");
        Assert.True(write.ExitCode == 1, write.ToString());
        Assert.Contains("PERMISSION_DENIED", write.Stderr);

        var revoked = await hgw.RunAsync("tokens", "revoke", "ci-reader");
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        var refused = await reader.RunAsync("history");
        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.DoesNotContain("ci-reader", (await hgw.RunAsync("tokens", "list")).Stdout);
    }
}
