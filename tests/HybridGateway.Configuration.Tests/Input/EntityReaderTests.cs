using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Input;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Tests.Support;
using HybridGateway.Plugins;
using HybridGateway.Plugins.KeyAuth;

namespace HybridGateway.Configuration.Tests.Input;

public sealed class EntityReaderTests
{
    [Fact]
    public void Read_PluginWithoutConfig_FillsThePluginDefaults()
    {
        var plugin = (Plugin)EntityChecks.Read(EntityKinds.Plugins, """{"name":"key-auth"}""");

        var config = Assert.IsType<KeyAuthConfig>(PluginCatalog.Default.Find("key-auth")!.Read(plugin.Config));
        Assert.Equal(["apikey"], config.KeyNames);
        Assert.True(config.KeyInHeader);
        Assert.True(config.KeyInQuery);
        Assert.False(config.KeyInBody);
        Assert.True(plugin.Enabled);
        Assert.Equal(["grpc", "grpcs", "http", "https"], plugin.Protocols);
    }

    [Fact]
    public void Read_PluginWithPartialConfig_KeepsGivenValuesAndFillsTheRest()
    {
        var plugin = (Plugin)EntityChecks.Read(EntityKinds.Plugins, """{"name":"rate-limiting","config":{"minute":20,"policy":"cluster"}}""");

        var config = plugin.Config!.Value;
        Assert.Equal(20, config.GetProperty("minute").GetDouble());
        Assert.Equal("cluster", config.GetProperty("policy").GetString());
        Assert.Equal(429, config.GetProperty("error_code").GetInt32());
        Assert.Equal("API rate limit exceeded", config.GetProperty("error_message").GetString());
        Assert.True(config.GetProperty("fault_tolerant").GetBoolean());
    }

    [Theory]
    [InlineData("""{"name":"post-function"}""", "name: plugin 'post-function' is not supported by this gateway")]
    [InlineData("""{"name":"key-auth","config":{"key_names":"apikey"}}""", "config.key_names: expected an array")]
    [InlineData("""{"name":"key-auth","config":{"nope":true}}""", "config.nope: unknown field")]
    [InlineData("""{"name":"rate-limiting","config":{}}""", "config.@entity: at least one of these fields must be non-empty: 'config.second', 'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year'")]
    [InlineData("""{"name":"key-auth","protocols":["tcp"]}""", "protocols.0: expected one of: grpc, grpcs, http, https, ws, wss")]
    [InlineData("""{"name":"key-auth","protocols":[]}""", "protocols: length must be at least 1")]
    public void Read_BadPlugin_ReportsField(string json, string error) =>
        Assert.Equal([error], EntityChecks.ReadErrors(EntityKinds.Plugins, json));

    [Theory]
    [InlineData("routes", """{"paths":["/"],"service":{"name":"missing"}}""", "service", "services")]
    [InlineData("routes", """{"paths":["/"],"service":"missing"}""", "service", "services")]
    [InlineData("keyauth_credentials", """{"key":"k","consumer":"missing"}""", "consumer", "consumers")]
    [InlineData("keyauth_credentials", """{"key":"k","consumer":{"username":"missing"}}""", "consumer", "consumers")]
    [InlineData("plugins", """{"name":"key-auth","route":"missing"}""", "route", "routes")]
    public void Read_ReferenceByUnknownName_ReportsOnlyTheForeignKeyOnTheField(string kind, string json, string field, string target) =>
        Assert.Equal(
            [field + ": the foreign key '{name=\"missing\"}' does not reference an existing '" + target + "' entity."],
            EntityChecks.ReadErrors(EntityKinds.Find(kind)!, json));

    [Theory]
    [InlineData("""{"paths":["/"],"service":{"name":"billing"}}""")]
    [InlineData("""{"paths":["/"],"service":"billing"}""")]
    public void Read_ReferenceByKnownName_ResolvesToTheId(string json)
    {
        var state = TestConfig.Import("""
            _format_version: "3.0"
            services:
            - name: billing
              host: billing.internal
            """);
        var serviceId = state.All<Service>().Single().Id;

        var result = TestConfig.Reader.Read(EntityKinds.Routes, TestConfig.Obj(json), new StateReferenceResolver(state));

        Assert.Equal(serviceId, Assert.IsType<Route>(result.Entity).Service!.Id);
    }

    [Fact]
    public void Read_ReferenceByBareId_IsKeptWithoutLookup()
    {
        var route = (Route)EntityChecks.Read(EntityKinds.Routes, """{"paths":["/"],"service":"4a3b2c1d-0000-4000-8000-000000000003"}""");

        Assert.Equal(Guid.Parse("4a3b2c1d-0000-4000-8000-000000000003"), route.Service!.Id);
    }

    [Theory]
    [InlineData("""{"paths":["/"],"expression":"http.path == \"/\""}""", "expression: the expressions router is not supported")]
    [InlineData("""{"paths":["/"],"sources":[{"ip":"10.0.0.1"}]}""", "sources: stream routes (tcp, tls, udp) are not supported")]
    [InlineData("""{"paths":["/"],"bogus":1}""", "bogus: unknown field")]
    public void Read_UnsupportedOrUnknownRouteField_ReportsTheReason(string json, string error)
    {
        var line = Assert.Single(EntityChecks.ReadErrors(EntityKinds.Routes, json));
        Assert.StartsWith(error, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NewEntity_GetsAnIdAndTimestampsFromTheClock()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var reader = new EntityReader(PluginCatalog.Default, new FixedClock(now));

        var result = reader.Read(EntityKinds.Consumers, TestConfig.Obj("""{"username":"alice"}"""), EntityChecks.NoNames);

        var consumer = Assert.IsType<Consumer>(result.Entity);
        Assert.NotEqual(Guid.Empty, consumer.Id);
        Assert.Equal(now.ToUnixTimeSeconds(), consumer.CreatedAt);
        Assert.Equal(now.ToUnixTimeSeconds(), consumer.UpdatedAt);
    }

    [Fact]
    public void Read_UpdateOfExistingEntity_KeepsItsIdAndCreatedAt()
    {
        var existing = new Consumer { Id = Guid.NewGuid(), Username = "alice", CreatedAt = 1_000, UpdatedAt = 1_000 };
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var reader = new EntityReader(PluginCatalog.Default, new FixedClock(now));

        var result = reader.Read(EntityKinds.Consumers, TestConfig.Obj("""{"username":"alice2"}"""), EntityChecks.NoNames, existing);

        var consumer = Assert.IsType<Consumer>(result.Entity);
        Assert.Equal(existing.Id, consumer.Id);
        Assert.Equal(1_000, consumer.CreatedAt);
        Assert.Equal(now.ToUnixTimeSeconds(), consumer.UpdatedAt);
        Assert.Equal("alice2", consumer.Username);
    }

    [Fact]
    public void Read_ServerManagedTimestampsInInput_AreReplaced()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var reader = new EntityReader(PluginCatalog.Default, new FixedClock(now));

        var result = reader.Read(EntityKinds.Consumers, TestConfig.Obj("""{"username":"a","created_at":5,"updated_at":6}"""), EntityChecks.NoNames);

        Assert.Equal(now.ToUnixTimeSeconds(), result.Entity!.CreatedAt);
        Assert.Equal(now.ToUnixTimeSeconds(), result.Entity.UpdatedAt);
    }

    [Fact]
    public void Read_Input_IsNotModified()
    {
        var body = TestConfig.Obj("""{"url":"http://example.com/x"}""");
        var before = body.ToJsonString();

        EntityChecks.Read(EntityKinds.Services, body);

        Assert.Equal(before, body.ToJsonString());
    }

    [Fact]
    public void Read_InputWithErrors_ReturnsNoEntity()
    {
        var result = TestConfig.Reader.Read(EntityKinds.Services, TestConfig.Obj("""{"host":"a","port":"80"}"""), EntityChecks.NoNames);

        Assert.False(result.Success);
        Assert.Null(result.Entity);
        Assert.Equal(["port: expected an integer"], result.Errors.Describe());
    }
}
