using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Tests.Support;
using HybridGateway.Configuration.Validation;
using static HybridGateway.Configuration.Tests.Support.SampleEntities;

namespace HybridGateway.Configuration.Tests.State;

/// <summary>Unique keys as Kong words their violations, including renames within one change.</summary>
public sealed class ConfigStateUniqueKeyTests
{
    [Fact]
    public void Apply_SecondServiceWithTakenName_FailsWithKongsUniqueMessage()
    {
        var state = Upsert(ConfigState.Empty, Service("x"));
        var duplicate = Service("x", "other.example.com");

        var result = state.Apply([EntityChange.Upsert(duplicate)], 2, TestConfig.Validation);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ConfigErrorCode.UniqueViolation, error.Code);
        Assert.Equal("UNIQUE violation detected on '{name=\"x\"}'", error.Message);
        Assert.Equal(["name: value is already in use"], error.Fields.Describe());
        Assert.Equal(duplicate.Id, error.Entity.Id);
    }

    [Fact]
    public void Apply_UpstreamNamesDifferingOnlyInCase_AreTheSameHostAndCollide()
    {
        var state = Upsert(ConfigState.Empty, new Upstream { Id = Guid.NewGuid(), Name = "Orders.internal" });

        var result = state.Apply([EntityChange.Upsert(new Upstream { Id = Guid.NewGuid(), Name = "orders.internal" })], 2, TestConfig.Validation);

        var error = Assert.Single(result.Errors);
        Assert.Equal("UNIQUE violation detected on '{name=\"orders.internal\"}'", error.Message);
    }

    [Fact]
    public void Apply_TwoNewServicesWithSameName_FailsWithUniqueViolation()
    {
        var result = ConfigState.Empty.Apply([EntityChange.Upsert(Service("x")), EntityChange.Upsert(Service("x"))], 1, TestConfig.Validation);

        var error = Assert.Single(result.Errors);
        Assert.Equal("UNIQUE violation detected on '{name=\"x\"}'", error.Message);
    }

    [Fact]
    public void Apply_ConsumerWithTakenCustomId_FailsNamingCustomId()
    {
        var state = Upsert(ConfigState.Empty, Consumer("alice") with { CustomId = "42" });

        var result = state.Apply([EntityChange.Upsert(Consumer("bob") with { CustomId = "42" })], 2, TestConfig.Validation);

        Assert.Equal("UNIQUE violation detected on '{custom_id=\"42\"}'", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Apply_SamePluginTwiceOnOneRoute_FailsButOnTwoRoutesSucceeds()
    {
        var service = Service("s");
        var first = Route(service, "a");
        var second = Route(service, "b");
        var state = Upsert(ConfigState.Empty, service, first, second, Plugin(route: first));

        var clash = state.Apply([EntityChange.Upsert(Plugin(route: first))], 2, TestConfig.Validation);
        var elsewhere = state.Apply([EntityChange.Upsert(Plugin(route: second))], 2, TestConfig.Validation);

        var error = Assert.Single(clash.Errors);
        Assert.Equal(ConfigErrorCode.UniqueViolation, error.Code);
        Assert.Contains("name=\"request-termination\",route={id=\"" + first.Id + "\"}", error.Message, StringComparison.Ordinal);
        Assert.True(elsewhere.Success);
    }

    [Fact]
    public void Apply_RenameSwapInOneChange_Succeeds()
    {
        var a = Service("a");
        var b = Service("b");
        var state = Upsert(ConfigState.Empty, a, b);

        var swapped = Upsert(state, a with { Name = "b" }, b with { Name = "a" });

        Assert.Equal(b.Id, swapped.FindUnique(EntityKinds.Services, "{name=\"a\"}")!.Id);
        Assert.Equal(a.Id, swapped.FindUnique(EntityKinds.Services, "{name=\"b\"}")!.Id);
    }

    [Fact]
    public void Apply_RenameIntoANameStillTaken_Fails()
    {
        var a = Service("a");
        var b = Service("b");
        var state = Upsert(ConfigState.Empty, a, b);

        var result = state.Apply([EntityChange.Upsert(a with { Name = "b" })], 2, TestConfig.Validation);

        Assert.Equal("UNIQUE violation detected on '{name=\"b\"}'", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Apply_RenamedService_FreesItsOldName()
    {
        var a = Service("a");
        var state = Upsert(ConfigState.Empty, a);

        state = Upsert(state, a with { Name = "renamed" });
        state = Upsert(state, Service("a"));

        Assert.Equal(2, state.Count(EntityKinds.Services));
    }
}
