using HybridGateway.Contracts.Sync.V1;
using HybridGateway.ControlPlane.AdminApi;
using HybridGateway.ControlPlane.Sync;

namespace HybridGateway.FunctionalTests.ControlPlane;

public sealed class NodeTargetHealthTests
{
    private static readonly string Upstream = Guid.NewGuid().ToString();

    [Fact]
    public void Read_AWellFormedReport_KeepsEveryEntry()
    {
        var (entries, error) = NodeTargetHealth.Read(Report(new TargetHealthEntry { UpstreamId = Upstream, Upstream = "u", Target = "10.0.0.1:80", Health = "UNHEALTHY", Reason = "3 HTTP failures" }));
        Assert.Null(error);
        Assert.Equal("UNHEALTHY", Assert.Single(entries!).Health);
    }

    [Theory]
    [InlineData("not-a-uuid", "10.0.0.1:80", "HEALTHY", "targets[0].upstream_id")]
    [InlineData(null, "10.0.0.1:80", "SICK", "targets[0].health")]
    [InlineData(null, "", "HEALTHY", "targets[0].target")]
    public void Read_ABadEntry_RefusesTheReport_NamingTheField(string? upstreamId, string target, string health, string field)
    {
        var (entries, error) = NodeTargetHealth.Read(Report(new TargetHealthEntry { UpstreamId = upstreamId ?? Upstream, Target = target, Health = health }));
        Assert.Null(entries);
        Assert.StartsWith(field, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TooManyEntries_IsRefused()
    {
        var report = new TargetHealthReport();
        report.Targets.AddRange(Enumerable.Range(0, NodeTargetHealth.MaxEntries + 1).Select(i => new TargetHealthEntry { UpstreamId = Upstream, Target = "h:" + i, Health = "HEALTHY" }));
        Assert.StartsWith("targets: ", NodeTargetHealth.Read(report).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "UNKNOWN")]
    [InlineData(new[] { "HEALTHY", "HEALTHY" }, "HEALTHY")]
    [InlineData(new[] { "UNHEALTHY" }, "UNHEALTHY")]
    [InlineData(new[] { "HEALTHY", "UNHEALTHY" }, "MIXED")]
    public void Aggregate_AcrossNodes(string[] states, string expected) => Assert.Equal(expected, UpstreamHealthEndpoints.Aggregate(states));

    private static TargetHealthReport Report(TargetHealthEntry entry)
    {
        var report = new TargetHealthReport();
        report.Targets.Add(entry);
        return report;
    }
}
