using HybridGateway.DataPlane.Health;

namespace HybridGateway.DataPlane.Tests.LoadBalancing;

public sealed class TargetHealthTests
{
    private static readonly HealthRules.Thresholds Rules = new(Successes: 2, HttpFailures: 3, TcpFailures: 1, Timeouts: 2);

    [Fact]
    public void HttpFailures_ReachingTheThreshold_MarkUnhealthy_ASuccessInBetweenResetsThem()
    {
        var health = new TargetHealth();
        Assert.False(health.Report(HealthReport.HttpFailure, Rules));
        Assert.False(health.Report(HealthReport.HttpFailure, Rules));
        Assert.False(health.Report(HealthReport.Success, Rules));
        Assert.False(health.Report(HealthReport.HttpFailure, Rules));
        Assert.False(health.Report(HealthReport.HttpFailure, Rules));
        Assert.True(health.Healthy);
        Assert.True(health.Report(HealthReport.HttpFailure, Rules));
        Assert.False(health.Healthy);
        Assert.Equal("3 HTTP failures", health.LastChange);
    }

    [Fact]
    public void Unhealthy_BackAfterTheSuccessThreshold()
    {
        var health = new TargetHealth();
        Assert.True(health.Report(HealthReport.TcpFailure, Rules));
        Assert.False(health.Report(HealthReport.Success, Rules));
        Assert.True(health.Report(HealthReport.Success, Rules));
        Assert.True(health.Healthy);
    }

    [Fact]
    public void ThresholdZero_ThatKindNeverChangesTheState()
    {
        var health = new TargetHealth();
        var none = new HealthRules.Thresholds(0, 0, 0, 0);
        for (var i = 0; i < 300; i++)
        {
            Assert.False(health.Report(HealthReport.Timeout, none));
        }
        Assert.True(health.Healthy);
    }

    [Fact]
    public void AChange_MovesTheEpoch()
    {
        var before = TargetHealth.Epoch;
        new TargetHealth().Set(false, "by hand");
        Assert.True(TargetHealth.Epoch > before);
    }
}
