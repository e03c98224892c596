using System.Text.Json;
using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Serialization;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Input;

/// <summary>The rewrites the reader applies before checking: shorthands, computed defaults and hashed secrets.</summary>
public sealed class InputTransformsTests
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
        var service = (Service)EntityChecks.Read(EntityKinds.Services, "{\"url\":\"" + url + "\"}");

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
        Assert.Contains(error, EntityChecks.ReadErrors(EntityKinds.Services, json));

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
        var target = (Target)EntityChecks.Read(EntityKinds.Targets, "{\"upstream\":{\"id\":\"4a3b2c1d-0000-4000-8000-000000000005\"},\"target\":\"" + written + "\"}");

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
        Assert.Equal([error], EntityChecks.ReadErrors(EntityKinds.KeyAuthCredentials, EntityChecks.Merge(json, "{\"consumer\":" + ConsumerRef + "}").ToJsonString()));

    [Theory]
    [InlineData("keyauth_credentials", """{"key":""}""", "key: expected a non-empty string")]
    [InlineData("keyauth_credentials", """{"key":42}""", "key: expected a non-empty string")]
    [InlineData("basicauth_credentials", """{"username":"alice","password":7}""", "password: expected a string")]
    public void Read_SecretOfWrongType_IsRefusedNamingTheSecret(string kind, string json, string error)
    {
        var errors = EntityChecks.ReadErrors(EntityKinds.Find(kind)!, EntityChecks.Merge(json, "{\"consumer\":" + ConsumerRef + "}").ToJsonString());

        Assert.Contains(error, errors);
    }

    [Fact]
    public void Read_BasicAuthWithPassword_StoresAPbkdf2HashThatVerifies()
    {
        var credential = (BasicAuthCredential)EntityChecks.Read(
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
        Assert.Equal([error], EntityChecks.ReadErrors(EntityKinds.BasicAuthCredentials, EntityChecks.Merge(json, "{\"consumer\":" + ConsumerRef + "}").ToJsonString()));

    [Fact]
    public void Read_JwtSecretWithoutKeyOrSecret_GeneratesBoth()
    {
        var secret = (JwtSecret)EntityChecks.Read(EntityKinds.JwtSecrets, "{\"consumer\":" + ConsumerRef + "}");

        Assert.Equal("HS256", secret.Algorithm);
        Assert.Matches("^[0-9a-f]{32}$", secret.Key);
        Assert.Matches("^[0-9a-f]{32}$", secret.Secret!);
        Assert.NotEqual(secret.Key, secret.Secret);
    }

    [Fact]
    public void Read_RsaJwtSecretWithoutSecret_GeneratesNoSecret()
    {
        var secret = (JwtSecret)EntityChecks.Read(EntityKinds.JwtSecrets, "{\"consumer\":" + ConsumerRef + ",\"key\":\"iss\",\"algorithm\":\"RS256\",\"rsa_public_key\":\"x\"}");

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
}
