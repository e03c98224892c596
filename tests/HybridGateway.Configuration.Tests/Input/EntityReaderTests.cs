using System.Text.Json;
using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Input;
using HybridGateway.Configuration.Serialization;
using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Tests.Support;
using HybridGateway.Plugins;
using HybridGateway.Plugins.KeyAuth;

namespace HybridGateway.Configuration.Tests.Input;

public sealed class EntityReaderTests
{
    private const string ConsumerRef = """{"id":"4a3b2c1d-0000-4000-8000-000000000007"}""";

    [Theory]
    [InlineData("http://example.com", "http", "example.com", 80, null)]
    [InlineData("https://example.com", "https", "example.com", 443, null)]
    [InlineData("http://example.com/", "http", "example.com", 80, "/")]
    [InlineData("https://api.example.com:8443/v1/users", "https", "api.example.com", 8443, "/v1/users")]
    [InlineData("http://example.com:443/x", "http", "example.com", 443, "/x")]
    [InlineData("http://10.0.0.1:8080", "http", "10.0.0.1", 8080, null)]
    [InlineData("grpcs://grpc.example.com:9443", "grpcs", "grpc.example.com", 9443, null)]
    public void Read_ServiceUrl_ExpandsToProtocolHostPortAndPath(string url, string protocol, string host, int port, string? path)
    {
        var service = (Service)Read(EntityKinds.Services, "{\"url\":\"" + url + "\"}");

        Assert.Equal(protocol, service.Protocol);
        Assert.Equal(host, service.Host);
        Assert.Equal(port, service.Port);
        Assert.Equal(path, service.Path);
    }

    [Theory]
    [InlineData("""{"url":"not a url"}""", "url: missing host in url")]
    [InlineData("""{"url":"/relative/path"}""", "url: missing host in url")]
    [InlineData("""{"url":42}""", "url: expected a string")]
    public void Read_BadServiceUrl_ReportsUrl(string json, string error) =>
        Assert.Contains(error, ReadErrors(EntityKinds.Services, json));

    [Theory]
    [InlineData("::1", "[::1]:8000")]
    [InlineData("2001:db8::10", "[2001:db8::10]:8000")]
    [InlineData("example.com", "example.com:8000")]
    [InlineData("10.0.0.1", "10.0.0.1:8000")]
    [InlineData("[::1]", "[::1]:8000")]
    [InlineData("1.2.3.4:80", "1.2.3.4:80")]
    [InlineData("example.com:9000", "example.com:9000")]
    [InlineData("[::1]:9000", "[::1]:9000")]
    public void Read_Target_GetsTheDefaultPortAndBracketsForIpv6(string written, string stored)
    {
        var target = (Target)Read(EntityKinds.Targets, "{\"upstream\":{\"id\":\"4a3b2c1d-0000-4000-8000-000000000005\"},\"target\":\"" + written + "\"}");

        Assert.Equal(stored, target.Address);
    }

    [Fact]
    public void Read_KeyAuthWithKey_StoresOnlyTheHashAndRevealsTheKey()
    {
        var result = TestConfig.Reader.Read(
            EntityKinds.KeyAuthCredentials, EntityChecks.Merge("""{"key":"my-secret-api-key"}""", "{\"consumer\":" + ConsumerRef + "}"), EntityChecks.NoNames);

        var credential = Assert.IsType<KeyAuthCredential>(result.Entity);
        Assert.Equal(KeyHash.Of("my-secret-api-key"), credential.KeyHash);
        Assert.True(KeyHash.Matches("my-secret-api-key", credential.KeyHash));
        Assert.Equal("my-secret-api-key", result.Revealed["key"]);
        Assert.DoesNotContain("my-secret-api-key", JsonSerializer.Serialize(credential, ConfigJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeyAuthWithKeyHashOnly_RevealsNothingAndKeepsTheHash()
    {
        var hash = KeyHash.Of("exported-key");

        var result = TestConfig.Reader.Read(
            EntityKinds.KeyAuthCredentials,
            EntityChecks.Merge("{\"key_hash\":\"" + hash + "\"}", "{\"consumer\":" + ConsumerRef + "}"),
            EntityChecks.NoNames);

        Assert.Equal(hash, Assert.IsType<KeyAuthCredential>(result.Entity).KeyHash);
        Assert.Empty(result.Revealed);
    }

    [Fact]
    public void Read_KeyAuthWithoutKey_GeneratesARandomKeyAndRevealsIt()
    {
        var body = TestConfig.Obj("{\"consumer\":" + ConsumerRef + "}");

        var first = TestConfig.Reader.Read(EntityKinds.KeyAuthCredentials, body, EntityChecks.NoNames);
        var second = TestConfig.Reader.Read(EntityKinds.KeyAuthCredentials, body, EntityChecks.NoNames);

        var key = first.Revealed["key"];
        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.Equal(KeyHash.Of(key), Assert.IsType<KeyAuthCredential>(first.Entity).KeyHash);
        Assert.NotEqual(key, second.Revealed["key"]);
    }

    [Theory]
    [InlineData("""{"key":"k","key_hash":"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"}""", "key: cannot be combined with key_hash")]
    [InlineData("""{"key":"k","ttl":-1}""", "ttl: value should be between 0 and 100000000")]
    public void Read_BadKeyAuth_ReportsField(string json, string error) =>
        Assert.Equal([error], ReadErrors(EntityKinds.KeyAuthCredentials, EntityChecks.Merge(json, "{\"consumer\":" + ConsumerRef + "}").ToJsonString()));

    [Theory]
    [InlineData("keyauth_credentials", """{"key":""}""", "key: expected a non-empty string")]
    [InlineData("keyauth_credentials", """{"key":42}""", "key: expected a non-empty string")]
    [InlineData("basicauth_credentials", """{"username":"alice","password":7}""", "password: expected a string")]
    public void Read_SecretOfWrongType_IsRefusedNamingTheSecret(string kind, string json, string error)
    {
        var errors = ReadErrors(EntityKinds.Find(kind)!, EntityChecks.Merge(json, "{\"consumer\":" + ConsumerRef + "}").ToJsonString());

        Assert.Contains(error, errors);
    }

    [Fact]
    public void Read_BasicAuthWithPassword_StoresAPbkdf2HashThatVerifies()
    {
        var credential = (BasicAuthCredential)Read(
            EntityKinds.BasicAuthCredentials, "{\"consumer\":" + ConsumerRef + ",\"username\":\"alice\",\"password\":\"correct horse\"}");

        Assert.StartsWith(PasswordHash.Prefix, credential.PasswordHash, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("correct horse", credential.PasswordHash));
        Assert.False(PasswordHash.Verify("wrong horse", credential.PasswordHash));
        Assert.DoesNotContain("correct horse", JsonSerializer.Serialize(credential, ConfigJson.Options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"username":"alice","password":"pw","password_hash":"x"}""", "password: cannot be combined with password_hash")]
    [InlineData("""{"username":"alice"}""", "password_hash: required field missing")]
    [InlineData("""{"password":"pw"}""", "username: required field missing")]
    public void Read_BadBasicAuth_ReportsField(string json, string error) =>
        Assert.Equal([error], ReadErrors(EntityKinds.BasicAuthCredentials, EntityChecks.Merge(json, "{\"consumer\":" + ConsumerRef + "}").ToJsonString()));

    [Fact]
    public void Read_JwtSecretWithoutKeyOrSecret_GeneratesBoth()
    {
        var secret = (JwtSecret)Read(EntityKinds.JwtSecrets, "{\"consumer\":" + ConsumerRef + "}");

        Assert.Equal("HS256", secret.Algorithm);
        Assert.Matches("^[0-9a-f]{32}$", secret.Key);
        Assert.Matches("^[0-9a-f]{32}$", secret.Secret!);
        Assert.NotEqual(secret.Key, secret.Secret);
    }

    [Fact]
    public void Read_RsaJwtSecretWithoutSecret_GeneratesNoSecret()
    {
        var secret = (JwtSecret)Read(EntityKinds.JwtSecrets, "{\"consumer\":" + ConsumerRef + ",\"key\":\"iss\",\"algorithm\":\"RS256\",\"rsa_public_key\":\"x\"}");

        Assert.Equal("iss", secret.Key);
        Assert.Null(secret.Secret);
    }

    [Fact]
    public void Read_CaCertificateWithoutDigest_ComputesTheSha256OfItsDer()
    {
        var body = new System.Text.Json.Nodes.JsonObject { ["cert"] = TestCertificates.Ca.Cert };

        var ca = (CaCertificate)EntityChecks.Read(EntityKinds.CaCertificates, body);

        Assert.Equal(TestCertificates.Digest(TestCertificates.Ca.Cert), ca.CertDigest);
    }

    [Fact]
    public void Read_PluginWithoutConfig_FillsThePluginDefaults()
    {
        var plugin = (Plugin)Read(EntityKinds.Plugins, """{"name":"key-auth"}""");

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
        var plugin = (Plugin)Read(EntityKinds.Plugins, """{"name":"rate-limiting","config":{"minute":20,"policy":"cluster"}}""");

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
        Assert.Equal([error], ReadErrors(EntityKinds.Plugins, json));

    [Theory]
    [InlineData("routes", """{"paths":["/"],"service":{"name":"missing"}}""", "service", "services")]
    [InlineData("routes", """{"paths":["/"],"service":"missing"}""", "service", "services")]
    [InlineData("keyauth_credentials", """{"key":"k","consumer":"missing"}""", "consumer", "consumers")]
    [InlineData("keyauth_credentials", """{"key":"k","consumer":{"username":"missing"}}""", "consumer", "consumers")]
    [InlineData("plugins", """{"name":"key-auth","route":"missing"}""", "route", "routes")]
    public void Read_ReferenceByUnknownName_ReportsOnlyTheForeignKeyOnTheField(string kind, string json, string field, string target) =>
        Assert.Equal(
            [field + ": the foreign key '{name=\"missing\"}' does not reference an existing '" + target + "' entity."],
            ReadErrors(EntityKinds.Find(kind)!, json));

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
        var route = (Route)Read(EntityKinds.Routes, """{"paths":["/"],"service":"4a3b2c1d-0000-4000-8000-000000000003"}""");

        Assert.Equal(Guid.Parse("4a3b2c1d-0000-4000-8000-000000000003"), route.Service!.Id);
    }

    [Theory]
    [InlineData("""{"paths":["/"],"expression":"http.path == \"/\""}""", "expression: the expressions router is not supported")]
    [InlineData("""{"paths":["/"],"sources":[{"ip":"10.0.0.1"}]}""", "sources: stream routes (tcp, tls, udp) are not supported")]
    [InlineData("""{"paths":["/"],"bogus":1}""", "bogus: unknown field")]
    public void Read_UnsupportedOrUnknownRouteField_ReportsTheReason(string json, string error)
    {
        var line = Assert.Single(ReadErrors(EntityKinds.Routes, json));
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

    private static ConfigEntity Read(EntityKind kind, string json) => EntityChecks.Read(kind, TestConfig.Obj(json));

    private static string[] ReadErrors(EntityKind kind, string json)
    {
        var result = TestConfig.Reader.Read(kind, TestConfig.Obj(json), EntityChecks.NoNames);
        Assert.False(result.Success);
        return result.Errors.Describe().ToArray();
    }
}
