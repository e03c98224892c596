using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class ServiceValidatorTests
{
    private const string Base = """{"host":"example.com"}""";

    [Theory]
    [InlineData("""{"host":"exa mple.com"}""", "host", "invalid hostname: exa mple.com")]
    [InlineData("""{"host":"-example.com"}""", "host", "invalid hostname: -example.com")]
    [InlineData("""{"host":"example..com"}""", "host", "invalid hostname: example..com")]
    [InlineData("""{"host":"exa!mple.com"}""", "host", "invalid hostname: exa!mple.com")]
    [InlineData("""{"host":""}""", "host", "invalid hostname: ")]
    [InlineData("""{"path":"/a b"}""", "path", "invalid path: '/a b'")]
    [InlineData("""{"path":"/a//b"}""", "path", "invalid path: '/a//b'")]
    [InlineData("""{"protocol":"grpc","path":"/x"}""", "path", "value must be null")]
    [InlineData("""{"protocol":"grpcs","path":"/x"}""", "path", "value must be null")]
    [InlineData("""{"protocol":"http","client_certificate":{"id":"4a3b2c1d-0000-4000-8000-000000000001"}}""", "client_certificate", "value must be null")]
    [InlineData("""{"protocol":"grpc","client_certificate":{"id":"4a3b2c1d-0000-4000-8000-000000000001"}}""", "client_certificate", "value must be null")]
    [InlineData("""{"protocol":"http","tls_verify":true}""", "tls_verify", "value must be null")]
    [InlineData("""{"protocol":"ws","tls_verify":false}""", "tls_verify", "value must be null")]
    [InlineData("""{"protocol":"http","tls_verify_depth":2}""", "tls_verify_depth", "value must be null")]
    [InlineData("""{"protocol":"http","ca_certificates":["4a3b2c1d-0000-4000-8000-000000000002"]}""", "ca_certificates", "value must be null")]
    [InlineData("""{"name":"my service"}""", "name", "invalid value 'my service'")]
    [InlineData("""{"name":""}""", "name", "length must be at least 1")]
    [InlineData("""{"tags":["a,b"]}""", "tags.0", "invalid tag 'a,b'")]
    public void Validate_BadService_ReportsField(string json, string path, string message) =>
        EntityChecks.AssertOnlyError(EntityChecks.Errors(EntityKinds.Services, json, Base), path, message);

    [Theory]
    [InlineData("""{"host":"example.com"}""")]
    [InlineData("""{"host":"my_host.internal","name":"svc-1.v2~x"}""")]
    [InlineData("""{"host":"10.0.0.1","port":8080,"path":"/api/v1"}""")]
    [InlineData("""{"host":"::1"}""")]
    [InlineData("""{"host":"[::1]"}""")]
    [InlineData("""{"protocol":"grpc","host":"example.com"}""")]
    [InlineData("""{"protocol":"https","tls_verify":true,"tls_verify_depth":3,"ca_certificates":["4a3b2c1d-0000-4000-8000-000000000002"],"client_certificate":{"id":"4a3b2c1d-0000-4000-8000-000000000001"}}""")]
    [InlineData("""{"protocol":"grpcs","tls_verify":false}""")]
    [InlineData("""{"protocol":"wss","tls_verify":true}""")]
    [InlineData("""{"url":"https://example.com:8443/api"}""")]
    public void Validate_GoodService_ReportsNothing(string json) =>
        Assert.Empty(EntityChecks.Errors(EntityKinds.Services, json, Base));
}
