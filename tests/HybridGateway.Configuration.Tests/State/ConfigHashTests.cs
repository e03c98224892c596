using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using static HybridGateway.Configuration.Tests.Support.SampleEntities;

namespace HybridGateway.Configuration.Tests.State;

public sealed class ConfigHashTests
{
    [Fact]
    public void Hash_SameEntitiesAppliedInAnyOrder_IsEqual()
    {
        var service = Service("s");
        var route = Route(service, "r");
        var consumer = Consumer("c");

        var forward = Upsert(ConfigState.Empty, service, route, consumer);
        var backward = Upsert(ConfigState.Empty, consumer, route, service);
        var oneByOne = Upsert(Upsert(Upsert(ConfigState.Empty, consumer), service), route);

        Assert.NotEqual(ConfigHash.Empty, forward.Hash);
        Assert.Equal(forward.Hash, backward.Hash);
        Assert.Equal(forward.Hash, oneByOne.Hash);
    }

    [Fact]
    public void Hash_EqualContentReachedThroughDifferentHistories_IsEqual()
    {
        var service = Service("final");
        var route = Route(service, "r");
        var direct = Upsert(ConfigState.Empty, service, route);

        var detour = Upsert(ConfigState.Empty, service with { Name = "draft", Host = "draft.example.com" }, Consumer("temporary"));
        detour = Upsert(detour, service);
        detour = Upsert(detour, route);
        detour = Apply(detour, [EntityChange.Delete(EntityKinds.Consumers, detour.All<Consumer>().Single().Id)]);

        Assert.NotEqual(direct.Version, detour.Version);
        Assert.Equal(direct.Hash, detour.Hash);
    }

    [Fact]
    public void Hash_UpsertThenDelete_ReturnsToThePreviousValue()
    {
        var state = Upsert(ConfigState.Empty, Service("s"));
        var before = state.Hash;
        var consumer = Consumer("c");

        var added = Upsert(state, consumer);
        var removed = Apply(added, [EntityChange.Delete(EntityKinds.Consumers, consumer.Id)]);

        Assert.NotEqual(before, added.Hash);
        Assert.Equal(before, removed.Hash);
    }

    [Fact]
    public void Hash_UpdateThenRevert_ReturnsToThePreviousValue()
    {
        var service = Service("s");
        var state = Upsert(ConfigState.Empty, service);

        var changed = Upsert(state, service with { Retries = 1 });
        var reverted = Upsert(changed, service);

        Assert.NotEqual(state.Hash, changed.Hash);
        Assert.Equal(state.Hash, reverted.Hash);
    }

    [Fact]
    public void Hash_DeletingEverything_IsEmpty()
    {
        var consumer = Consumer("c");
        var state = Upsert(ConfigState.Empty, consumer);

        state = Apply(state, [EntityChange.Delete(EntityKinds.Consumers, consumer.Id)]);

        Assert.Equal(ConfigHash.Empty, state.Hash);
    }

    [Fact]
    public void OfEntity_AnyFieldChanged_Differs()
    {
        var service = Service("s");

        var original = ConfigHash.OfEntity(EntityKinds.Services, service);

        Assert.Equal(original, ConfigHash.OfEntity(EntityKinds.Services, service with { }));
        Assert.NotEqual(original, ConfigHash.OfEntity(EntityKinds.Services, service with { Port = 81 }));
        Assert.NotEqual(original, ConfigHash.OfEntity(EntityKinds.Services, service with { Tags = ["t"] }));
        Assert.NotEqual(original, ConfigHash.OfEntity(EntityKinds.Services, service with { UpdatedAt = 1 }));
    }

    [Fact]
    public void Add_CarriesAcrossEveryLimbAndWrapsAt256Bits()
    {
        var max = new ConfigHash(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);
        var one = new ConfigHash(1, 0, 0, 0);

        Assert.Equal(new ConfigHash(0, 1, 0, 0), new ConfigHash(ulong.MaxValue, 0, 0, 0).Add(one));
        Assert.Equal(new ConfigHash(0, 0, 0, 1), new ConfigHash(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, 0).Add(one));
        Assert.Equal(ConfigHash.Empty, max.Add(one));
    }

    [Fact]
    public void Subtract_UndoesAddForAnyValues()
    {
        var a = new ConfigHash(5, ulong.MaxValue, 0, 12);
        var b = new ConfigHash(ulong.MaxValue, 3, ulong.MaxValue, ulong.MaxValue);

        Assert.Equal(a, a.Add(b).Subtract(b));
        Assert.Equal(a.Add(b), b.Add(a));
        Assert.Equal(new ConfigHash(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue), ConfigHash.Empty.Subtract(new ConfigHash(1, 0, 0, 0)));
    }

    [Fact]
    public void ToString_ThenTryParse_RoundTrips()
    {
        var hash = new ConfigHash(0x0102030405060708, 0x1112131415161718, 0x2122232425262728, 0xf1f2f3f4f5f6f7f8);

        var text = hash.ToString();

        Assert.Equal("f1f2f3f4f5f6f7f8212223242526272811121314151617180102030405060708", text);
        Assert.True(ConfigHash.TryParse(text, out var parsed));
        Assert.Equal(hash, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("f1f2f3f4f5f6f7f821222324252627281112131415161718010203040506070")]
    [InlineData("f1f2f3f4f5f6f7f8212223242526272811121314151617180102030405060708aa")]
    [InlineData("g1f2f3f4f5f6f7f8212223242526272811121314151617180102030405060708")]
    public void TryParse_NotA64CharacterHexString_Fails(string? text)
    {
        Assert.False(ConfigHash.TryParse(text, out var hash));
        Assert.Equal(ConfigHash.Empty, hash);
    }
}
