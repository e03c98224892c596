using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using static HybridGateway.Configuration.Tests.Support.SampleEntities;

namespace HybridGateway.Configuration.Tests.State;

public sealed class StateDiffTests
{
    [Fact]
    public void Between_AppliedToTheSource_GivesTheTarget()
    {
        var kept = Service("kept");
        var changed = Service("changed");
        var removed = Consumer("removed");
        var from = Upsert(ConfigState.Empty, kept, changed, removed);
        var to = Upsert(ConfigState.Empty, kept, changed with { Port = 8080 }, Consumer("added"));

        var changes = StateDiff.Between(from, to);
        var result = Apply(from, changes);

        Assert.Equal(3, changes.Count);
        Assert.Equal(to.Hash, result.Hash);
    }

    [Fact]
    public void Between_EqualStates_IsEmpty()
    {
        var state = Upsert(ConfigState.Empty, Service("s"), Consumer("c"));

        Assert.Empty(StateDiff.Between(state, state.WithVersion(9)));
    }

    [Fact]
    public void Towards_EntityDifferingOnlyInUpdatedAt_IsLeftAlone()
    {
        var service = Service("s") with { UpdatedAt = 100 };
        var state = Upsert(ConfigState.Empty, service);

        Assert.Empty(StateDiff.Towards(state, [service with { UpdatedAt = 200 }]));
    }

    [Fact]
    public void Towards_ChangedEntity_KeepsTheNewerUpdatedAt()
    {
        var service = Service("s") with { UpdatedAt = 300 };
        var state = Upsert(ConfigState.Empty, service);

        var change = Assert.Single(StateDiff.Towards(state, [service with { Port = 81, UpdatedAt = 200 }]));

        var updated = Assert.IsType<Service>(change.Entity);
        Assert.Equal(81, updated.Port);
        Assert.Equal(300, updated.UpdatedAt);
    }

    [Fact]
    public void Towards_EntityNotDesired_IsDeleted()
    {
        var consumer = Consumer("c");
        var state = Upsert(ConfigState.Empty, consumer);

        var change = Assert.Single(StateDiff.Towards(state, []));

        Assert.Equal(EntityChange.Delete(EntityKinds.Consumers, consumer.Id), change);
    }
}
