using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class UpstreamValidatorTests
{
    private const string Base = """{"name":"backend.internal"}""";

    [Theory]
    // the name is a hostname, never an IP
    [InlineData("""{"name":"my upstream"}""", "name", "Invalid name ('my upstream'); must be a valid hostname")]
    [InlineData("""{"name":"10.0.0.1"}""", "name", "Invalid name ('10.0.0.1'); must be a valid hostname")]
    [InlineData("""{"name":"bad..name"}""", "name", "Invalid name ('bad..name'); must be a valid hostname")]
    [InlineData("""{"name":"::1"}""", "name", "Invalid name ('::1'); must be a valid hostname")]
    // each hash input needs its setting
    [InlineData("""{"hash_on":"header"}""", "hash_on_header", "required field missing when 'hash_on' is 'header'")]
    [InlineData("""{"hash_on":"header","hash_on_header":""}""", "hash_on_header", "required field missing when 'hash_on' is 'header'")]
    [InlineData("""{"hash_on":"cookie"}""", "hash_on_cookie", "required field missing when 'hash_on' is 'cookie'")]
    [InlineData("""{"hash_on":"query_arg"}""", "hash_on_query_arg", "required field missing when 'hash_on' is 'query_arg'")]
    [InlineData("""{"hash_on":"uri_capture"}""", "hash_on_uri_capture", "required field missing when 'hash_on' is 'uri_capture'")]
    [InlineData("""{"hash_on":"ip","hash_fallback":"header"}""", "hash_fallback_header", "required field missing when 'hash_fallback' is 'header'")]
    [InlineData("""{"hash_on":"ip","hash_fallback":"cookie"}""", "hash_on_cookie", "required field missing when 'hash_fallback' is 'cookie'")]
    [InlineData("""{"hash_on":"ip","hash_fallback":"query_arg"}""", "hash_fallback_query_arg", "required field missing when 'hash_fallback' is 'query_arg'")]
    [InlineData("""{"hash_on":"ip","hash_fallback":"uri_capture"}""", "hash_fallback_uri_capture", "required field missing when 'hash_fallback' is 'uri_capture'")]
    // fallback rules
    [InlineData("""{"hash_fallback":"ip"}""", "hash_fallback", "must be 'none' when 'hash_on' is 'none'")]
    [InlineData("""{"hash_on":"ip","hash_fallback":"ip"}""", "hash_fallback", "must be different from 'hash_on'")]
    [InlineData("""{"hash_on":"consumer","hash_fallback":"consumer"}""", "hash_fallback", "must be different from 'hash_on'")]
    [InlineData("""{"hash_on":"path","hash_fallback":"path"}""", "hash_fallback", "must be different from 'hash_on'")]
    [InlineData("""{"hash_on":"cookie","hash_on_cookie":"session","hash_fallback":"ip"}""", "hash_fallback", "must be 'none' when 'hash_on' is 'cookie'")]
    [InlineData("""{"hash_on":"header","hash_on_header":"x-user","hash_fallback":"header","hash_fallback_header":"x-user"}""", "@entity", "values of these fields must be distinct: 'hash_on_header', 'hash_fallback_header'")]
    public void Validate_BadUpstream_ReportsField(string json, string path, string message) =>
        EntityChecks.AssertOnlyError(EntityChecks.Errors(EntityKinds.Upstreams, json, Base), path, message);

    [Theory]
    [InlineData("""{"name":"backend"}""")]
    [InlineData("""{"name":"my_backend.service.consul"}""")]
    [InlineData("""{"hash_on":"consumer","hash_fallback":"ip"}""")]
    [InlineData("""{"hash_on":"ip","hash_fallback":"consumer"}""")]
    [InlineData("""{"hash_on":"header","hash_on_header":"x-user","hash_fallback":"header","hash_fallback_header":"x-tenant"}""")]
    [InlineData("""{"hash_on":"query_arg","hash_on_query_arg":"a","hash_fallback":"query_arg","hash_fallback_query_arg":"b"}""")]
    [InlineData("""{"hash_on":"uri_capture","hash_on_uri_capture":"a","hash_fallback":"uri_capture","hash_fallback_uri_capture":"b"}""")]
    [InlineData("""{"hash_on":"cookie","hash_on_cookie":"session"}""")]
    [InlineData("""{"hash_on":"ip","hash_fallback":"cookie","hash_on_cookie":"session"}""")]
    [InlineData("""{"algorithm":"consistent-hashing","hash_on":"header","hash_on_header":"x-user"}""")]
    public void Validate_GoodUpstream_ReportsNothing(string json) =>
        Assert.Empty(EntityChecks.Errors(EntityKinds.Upstreams, json, Base));

    [Fact]
    public void Validate_CookieWithCookieFallback_ReportsBothFallbackRules()
    {
        var errors = EntityChecks.Errors(EntityKinds.Upstreams, """{"hash_on":"cookie","hash_on_cookie":"c","hash_fallback":"cookie"}""", Base);

        var line = Assert.Single(errors);
        Assert.Contains("must be different from 'hash_on'", line, StringComparison.Ordinal);
        Assert.Contains("must be 'none' when 'hash_on' is 'cookie'", line, StringComparison.Ordinal);
    }
}
