using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Tests.Support;
using HybridGateway.Configuration.Validation;
using static HybridGateway.Configuration.Tests.Support.SampleEntities;

namespace HybridGateway.Configuration.Tests.State;

public sealed class ConfigStateTests
{
    [Fact]
    public void Apply_RouteToMissingService_FailsWithForeignKeyErrorNamingTheField()
    {
        var missing = Service("gone");
        var route = Route(missing, "r");

        var result = ConfigState.Empty.Apply([EntityChange.Upsert(route)], 1, TestConfig.Validation);

        Assert.False(result.Success);
        Assert.Null(result.State);
        var error = Assert.Single(result.Errors);
        var expected = "the foreign key '{id=\"" + missing.Id + "\"}' does not reference an existing 'services' entity.";
        Assert.Equal(ConfigErrorCode.ForeignKeyViolation, error.Code);
        Assert.Equal(new EntityAddress(EntityKinds.Routes, route.Id), error.Entity);
        Assert.Equal(["service: " + expected], error.Fields.Describe());
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Apply_ServiceWithMissingCaCertificate_NamesTheListField()
    {
        var caId = Guid.NewGuid();
        var service = Service("s") with { Protocol = "https", CaCertificates = [caId] };

        var result = ConfigState.Empty.Apply([EntityChange.Upsert(service)], 1, TestConfig.Validation);

        var error = Assert.Single(result.Errors);
        Assert.Equal(
            ["ca_certificates: the foreign key '{id=\"" + caId + "\"}' does not reference an existing 'ca_certificates' entity."],
            error.Fields.Describe());
    }

    [Fact]
    public void Apply_ReferenceAddedInTheSameChange_Resolves()
    {
        var service = Service("s");

        var state = Upsert(ConfigState.Empty, Route(service, "r"), service);

        Assert.Equal(1, state.Count(EntityKinds.Routes));
    }

    [Fact]
    public void Apply_DeleteOfServiceStillReferencedByARoute_FailsWithReferencedBy()
    {
        var service = Service("s");
        var state = Upsert(ConfigState.Empty, service, Route(service, "r"));

        var result = state.Apply([EntityChange.Delete(EntityKinds.Services, service.Id)], 2, TestConfig.Validation);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ConfigErrorCode.ForeignKeyViolation, error.Code);
        Assert.Equal("an existing 'routes' entity references this 'services' entity", error.Message);
        Assert.Equal(["@referenced_by: routes"], error.Fields.Describe());
    }

    [Fact]
    public void Apply_DeleteOfServiceTogetherWithItsRoutes_Succeeds()
    {
        var service = Service("s");
        var route = Route(service, "r");
        var state = Upsert(ConfigState.Empty, service, route);

        state = Apply(state, [EntityChange.Delete(EntityKinds.Services, service.Id), EntityChange.Delete(EntityKinds.Routes, route.Id)]);

        Assert.Equal(0, state.TotalCount);
        Assert.Empty(state.ReferrersOf(EntityKinds.Services, service.Id));
    }

    [Fact]
    public void Apply_RouteMovedToAnotherService_ReleasesTheOldOne()
    {
        var first = Service("first");
        var second = Service("second");
        var route = Route(first, "r");
        var state = Upsert(ConfigState.Empty, first, second, route);

        state = Upsert(state, route with { Service = EntityRef.To(second.Id) });
        state = Apply(state, [EntityChange.Delete(EntityKinds.Services, first.Id)]);

        Assert.Null(state.Find<Service>(first.Id));
        Assert.Equal([new EntityAddress(EntityKinds.Routes, route.Id)], state.ReferrersOf(EntityKinds.Services, second.Id));
    }

    [Fact]
    public void Apply_DeleteOfMissingEntity_IsNotFound()
    {
        var id = Guid.NewGuid();

        var result = ConfigState.Empty.Apply([EntityChange.Delete(EntityKinds.Consumers, id)], 1, TestConfig.Validation);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ConfigErrorCode.NotFound, error.Code);
        Assert.Equal("Not found", error.Message);
        Assert.Equal(new EntityAddress(EntityKinds.Consumers, id), error.Entity);
    }

    [Fact]
    public void Apply_SameEntityTwiceInOneChange_IsRefused()
    {
        var service = Service("s");

        var result = ConfigState.Empty.Apply(
            [EntityChange.Upsert(service), EntityChange.Upsert(service with { Host = "other.example.com" })], 1, TestConfig.Validation);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ConfigErrorCode.SchemaViolation, error.Code);
        Assert.Equal(["id: the same entity is changed twice in one change"], error.Fields.Describe());
    }

    [Fact]
    public void Apply_UpsertAndDeleteOfSameEntityInOneChange_IsRefused()
    {
        var service = Service("s");
        var state = Upsert(ConfigState.Empty, service);

        var result = state.Apply(
            [EntityChange.Upsert(service with { Host = "b.example.com" }), EntityChange.Delete(EntityKinds.Services, service.Id)], 2, TestConfig.Validation);

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Fields.Describe().Contains("id: the same entity is changed twice in one change"));
    }

    [Fact]
    public void Apply_ChangeWhoseIdIsNotTheEntitysId_IsRefused()
    {
        var service = Service("s");

        var result = ConfigState.Empty.Apply([new EntityChange(EntityKinds.Services, Guid.NewGuid(), service)], 1, TestConfig.Validation);

        Assert.Equal(["id: does not match the entity's id or kind"], Assert.Single(result.Errors).Fields.Describe());
    }

    [Fact]
    public void Apply_EntityBreakingItsRules_IsASchemaViolation()
    {
        var service = Service("s", "bad host");

        var result = ConfigState.Empty.Apply([EntityChange.Upsert(service)], 1, TestConfig.Validation);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ConfigErrorCode.SchemaViolation, error.Code);
        Assert.Equal("schema violation (host: invalid hostname: bad host)", error.Message);
    }

    [Fact]
    public void Apply_SeveralProblems_ReportsEveryOne()
    {
        var state = Upsert(ConfigState.Empty, Service("taken"));

        var result = state.Apply(
            [
                EntityChange.Upsert(Service("taken")),
                EntityChange.Upsert(Route(Service("missing"), "r")),
                EntityChange.Delete(EntityKinds.Consumers, Guid.NewGuid()),
                EntityChange.Upsert(Consumer("")),
            ],
            2,
            TestConfig.Validation);

        Assert.Equal(
            [ConfigErrorCode.SchemaViolation, ConfigErrorCode.ForeignKeyViolation, ConfigErrorCode.UniqueViolation, ConfigErrorCode.NotFound],
            result.Errors.Select(e => e.Code).Order());
    }

    [Fact]
    public void Apply_Success_HasTheNewVersionAndIndexes()
    {
        var service = Service("s");
        var route = Route(service, "r");

        var result = ConfigState.Empty.Apply([EntityChange.Upsert(service), EntityChange.Upsert(route)], 7, TestConfig.Validation);

        var state = result.State!;
        Assert.Equal(7, state.Version);
        Assert.Equal(2, state.TotalCount);
        Assert.Same(route, state.Find<Route>(route.Id));
        Assert.Same(service, state.FindUnique(EntityKinds.Services, "{name=\"s\"}"));
        Assert.Equal([new EntityAddress(EntityKinds.Routes, route.Id)], state.ReferrersOf(EntityKinds.Services, service.Id));
    }

    [Fact]
    public void Apply_SuccessOrFailure_NeverChangesTheOriginalState()
    {
        var service = Service("s");
        var route = Route(service, "r");
        var original = Upsert(ConfigState.Empty, service, route);
        var hash = original.Hash;

        var failed = original.Apply([EntityChange.Delete(EntityKinds.Services, service.Id), EntityChange.Upsert(Service("s"))], 2, TestConfig.Validation);
        var succeeded = original.Apply(
            [
                EntityChange.Upsert(service with { Name = "renamed", Host = "b.example.com" }),
                EntityChange.Delete(EntityKinds.Routes, route.Id),
                EntityChange.Upsert(Consumer("alice")),
            ],
            2,
            TestConfig.Validation);

        Assert.False(failed.Success);
        Assert.True(succeeded.Success);
        Assert.Equal(1, original.Version);
        Assert.Equal(hash, original.Hash);
        Assert.Equal(2, original.TotalCount);
        Assert.Same(service, original.Find<Service>(service.Id));
        Assert.Same(route, original.Find<Route>(route.Id));
        Assert.Same(service, original.FindUnique(EntityKinds.Services, "{name=\"s\"}"));
        Assert.Null(original.FindUnique(EntityKinds.Services, "{name=\"renamed\"}"));
        Assert.Single(original.ReferrersOf(EntityKinds.Services, service.Id));
        Assert.Equal(0, original.Count(EntityKinds.Consumers));
    }

    [Fact]
    public void WithVersion_SameContent_KeepsHashAndEntities()
    {
        var service = Service("s");
        var state = Upsert(ConfigState.Empty, service);

        var renumbered = state.WithVersion(42);

        Assert.Equal(42, renumbered.Version);
        Assert.Equal(state.Hash, renumbered.Hash);
        Assert.Same(service, renumbered.Find<Service>(service.Id));
        Assert.Equal(1, state.Version);
    }
}
