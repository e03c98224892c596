using System.Text.Json;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Tests.Support;
using HybridGateway.Configuration.Validation;
using HybridGateway.Plugins;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class PluginValidatorTests
{
    private const string ConsumerRef = """{"id":"4a3b2c1d-0000-4000-8000-000000000007"}""";

    [Theory]
    [InlineData("key-auth")]
    [InlineData("basic-auth")]
    [InlineData("jwt")]
    [InlineData("acl")]
    [InlineData("cors")]
    public void Validate_ConsumerScopeOnPluginThatIdentifiesConsumers_ReportsConsumer(string name)
    {
        var body = TestConfig.Obj("""{"config":{"allow":["admins"]}}""");
        body["name"] = name;
        body["consumer"] = TestConfig.Obj(ConsumerRef);
        if (name != "acl")
        {
            body.Remove("config");
        }

        EntityChecks.AssertOnlyError(EntityChecks.Errors(EntityKinds.Plugins, body), "consumer", "value must be null");
    }

    [Theory]
    [InlineData("""{"name":"key-auth"}""")]
    [InlineData("""{"name":"key-auth","route":{"id":"4a3b2c1d-0000-4000-8000-000000000004"},"service":{"id":"4a3b2c1d-0000-4000-8000-000000000003"}}""")]
    [InlineData("""{"name":"rate-limiting","consumer":{"id":"4a3b2c1d-0000-4000-8000-000000000007"},"config":{"minute":5}}""")]
    [InlineData("""{"name":"request-termination","consumer":{"id":"4a3b2c1d-0000-4000-8000-000000000007"},"route":{"id":"4a3b2c1d-0000-4000-8000-000000000004"}}""")]
    [InlineData("""{"name":"correlation-id","protocols":["http","https","grpc","grpcs","ws","wss"]}""")]
    [InlineData("""{"name":"prometheus","instance_name":"metrics","enabled":false,"tags":["ops"]}""")]
    public void Validate_GoodPlugin_ReportsNothing(string json) =>
        Assert.Empty(EntityChecks.Errors(EntityKinds.Plugins, json));

    [Fact]
    public void Validate_UnknownPlugin_ReportsName()
    {
        var plugin = new Plugin { Id = Guid.NewGuid(), Name = "post-function" };

        var errors = TestConfig.Validation.Validate(EntityKinds.Plugins, plugin).Describe();

        EntityChecks.AssertOnlyError(errors.ToArray(), "name", "plugin 'post-function' is not supported by this gateway");
    }

    [Fact]
    public void Validate_StoredConfigThatBreaksThePluginSchema_ReportsUnderConfig()
    {
        var plugin = new Plugin
        {
            Id = Guid.NewGuid(),
            Name = "key-auth",
            Config = JsonSerializer.SerializeToElement(new { key_names = Array.Empty<string>(), key_in_header = false, key_in_query = false }),
        };

        var errors = TestConfig.Validation.Validate(EntityKinds.Plugins, plugin).Describe();

        EntityChecks.AssertOnlyError(errors.ToArray(), "config.key_names", "length must be at least 1");
    }

    [Fact]
    public void Validate_StoredConfigFailingCrossFieldRule_ReportsUnderConfig()
    {
        var plugin = new Plugin
        {
            Id = Guid.NewGuid(),
            Name = "key-auth",
            Config = JsonSerializer.SerializeToElement(new { key_in_header = false, key_in_query = false, key_in_body = false }),
        };

        var errors = TestConfig.Validation.Validate(EntityKinds.Plugins, plugin).Describe();

        EntityChecks.AssertOnlyError(errors.ToArray(), "config.@entity", "at least one of 'key_in_header', 'key_in_query', 'key_in_body' must be true");
    }

    [Fact]
    public void Validate_ProtocolThePluginDoesNotSpeak_ReportsEachOne()
    {
        var validation = new EntityValidation([new PluginValidator(new PluginCatalog([new RestrictedPluginDefinition()]))]);
        var plugin = new Plugin { Id = Guid.NewGuid(), Name = "restricted", Protocols = ["grpc", "http", "wss"] };

        var errors = validation.Validate(EntityKinds.Plugins, plugin).Describe();

        Assert.Equal(
            ["protocols: plugin 'restricted' does not support protocol 'grpc'; plugin 'restricted' does not support protocol 'wss'"],
            errors);
    }

    [Fact]
    public void Validate_RouteAndServiceOnConsumerOnlyPlugin_ReportsBoth()
    {
        var validation = new EntityValidation([new PluginValidator(new PluginCatalog([new RestrictedPluginDefinition()]))]);
        var plugin = new Plugin
        {
            Id = Guid.NewGuid(),
            Name = "restricted",
            Protocols = ["http"],
            Consumer = EntityRef.To(Guid.NewGuid()),
            Route = EntityRef.To(Guid.NewGuid()),
            Service = EntityRef.To(Guid.NewGuid()),
        };

        var errors = validation.Validate(EntityKinds.Plugins, plugin).Describe();

        Assert.Equal(["route: value must be null", "service: value must be null"], errors);
    }
}
