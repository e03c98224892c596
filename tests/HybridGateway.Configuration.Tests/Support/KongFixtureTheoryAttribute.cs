namespace HybridGateway.Configuration.Tests.Support;

/// <summary>A theory over the decK corpus, reported as skipped (never passed) when the corpus is absent.</summary>
public sealed class KongFixtureTheoryAttribute : TheoryAttribute
{
    public KongFixtureTheoryAttribute()
    {
        if (KongFixtures.Directory is null)
        {
            Skip = "Kong decK corpus not found: set HGW_KONG_FIXTURES or place shared/fixtures/kong-deck beside the repository";
        }
    }
}
