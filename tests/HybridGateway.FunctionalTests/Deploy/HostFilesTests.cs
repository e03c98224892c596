using Xunit.Abstractions;
using System.Text.RegularExpressions;

namespace HybridGateway.FunctionalTests.Deploy;

/// <summary>deploy/systemd and deploy/docker: what can be checked without systemd as PID 1 or a docker daemon.</summary>
public sealed partial class HostFilesTests(ITestOutputHelper output)
{
    private static readonly string Systemd = Path.Combine(Support.RepoPaths.Root, "deploy", "systemd");
    private static readonly string Docker = Path.Combine(Support.RepoPaths.Root, "deploy", "docker");

    [Fact]
    public async Task SystemdUnits_PassSystemdAnalyzeVerify_WithoutAWarning()
    {
        var analyze = Tool.Find("systemd-analyze");
        if (analyze is null)
        {
            output.WriteLine("systemd-analyze is not installed here: the units were not verified (the other unit tests still ran).");
            return;
        }
        string[] units = ["hybridgateway-control-plane.service", "hybridgateway-data-plane.service"];
        var result = await Tool.RunAsync(analyze, ["verify", .. units.Select(u => Path.Combine(Systemd, u))]);
        // Unknown or misspelt directives are only warnings (exit code 0): none is accepted.
        Assert.True(result.ExitCode == 0 && result.StandardError.Trim().Length == 0, result.ToString());
    }

    [Theory]
    [InlineData("hybridgateway-control-plane.service", "control-plane.env.example")]
    [InlineData("hybridgateway-data-plane.service", "data-plane.env.example")]
    public void SystemdUnit_IsHardened_RestartsOnFailure_AndEverySettingNamesARealOption(string unit, string exampleSettings)
    {
        var directives = File.ReadAllLines(Path.Combine(Systemd, unit))
            .Where(l => l.Length > 0 && l[0] is not ('#' or '[') && l.Contains('=', StringComparison.Ordinal))
            .Select(l => (Key: l[..l.IndexOf('=', StringComparison.Ordinal)], Value: l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .ToArray();
        string Single(string key) => directives.Single(d => d.Key == key).Value;
        Assert.Equal("yes", Single("DynamicUser"));
        Assert.Equal("strict", Single("ProtectSystem"));
        Assert.Equal("yes", Single("NoNewPrivileges"));
        Assert.Equal("", Single("CapabilityBoundingSet"));
        Assert.Equal("on-failure", Single("Restart"));
        Assert.StartsWith("/etc/hybridgateway/", Single("EnvironmentFile"), StringComparison.Ordinal);

        var environment = directives.Where(d => d.Key == "Environment").Select(d => d.Value.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var example = File.ReadAllLines(Path.Combine(Systemd, exampleSettings)).Where(l => l.StartsWith("HGW_", StringComparison.Ordinal)).Select(l => l.Split('=', 2)[0]);
        Assert.Empty(environment.Keys.Where(k => k.StartsWith("HGW_", StringComparison.Ordinal)).Concat(example).Select(SettingKeys.Problem).OfType<string>());

        // Key files reach the service as credentials (%d), each from a LoadCredential= line.
        var credentials = directives.Where(d => d.Key == "LoadCredential").Select(d => d.Value.Split(':')[0]).ToHashSet();
        foreach (var path in environment.Values.Where(v => v.StartsWith("%d/", StringComparison.Ordinal)))
        {
            Assert.Contains(path["%d/".Length..], credentials);
        }
        if (unit.Contains("data-plane", StringComparison.Ordinal))
        {
            // The cache is the one writable place: the state directory systemd makes for the service.
            Assert.Equal("%S/" + Single("StateDirectory"), environment["HGW_DataPlane__CacheDirectory"]);
        }
    }

    [Theory]
    [InlineData("control-plane.Dockerfile", "HybridGateway.ControlPlane")]
    [InlineData("data-plane.Dockerfile", "HybridGateway.DataPlane")]
    public void Dockerfile_PublishesItsHost_FromFilesThatExist_AndRunsAsANonRootUser(string dockerfile, string project)
    {
        var text = File.ReadAllText(Path.Combine(Docker, dockerfile));
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0"], FromLine().Matches(text).Select(m => m.Groups[1].Value));
        foreach (Match copy in CopyLine().Matches(text))
        {
            foreach (var source in copy.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            {
                Assert.True(Path.Exists(Path.Combine(Support.RepoPaths.Root, source)), dockerfile + " copies " + source + ", which the repository does not have");
            }
        }
        Assert.Contains("dotnet publish src/" + project + "/" + project + ".csproj", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Support.RepoPaths.Root, "src", project, project + ".csproj")));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"" + project + ".dll\"]", text, StringComparison.Ordinal);
        var user = UserLine().Matches(text).Single().Groups[1].Value;
        Assert.NotEqual("0", user.Split(':')[0]);
        Assert.NotEqual("root", user.Split(':')[0]);
        // The user comes after everything that needs root (RUN install -d ...).
        Assert.True(text.LastIndexOf("\nRUN ", StringComparison.Ordinal) < text.IndexOf("\nUSER ", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(Docker, dockerfile + ".dockerignore")));
    }

    [GeneratedRegex(@"^FROM (.+)$", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^COPY (?!--from)(.+)$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();

    [GeneratedRegex(@"^USER (\S+)$", RegexOptions.Multiline)]
    private static partial Regex UserLine();
}
