namespace HybridGateway.FunctionalTests.Processes;

/// <summary>Tests that run control planes and data planes as processes take turns: the machine has two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "processes";
}
