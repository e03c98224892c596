using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Validation;

public sealed class RouteValidatorTests
{
    [Theory]
    // something to match on
    [InlineData("""{}""", "@entity", "must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'http', 'https'")]
    [InlineData("""{"protocols":["grpc"]}""", "@entity", "when 'protocols' is 'grpc'")]
    [InlineData("""{"methods":[],"hosts":[],"paths":[],"headers":{},"snis":[]}""", "@entity", "must set one of")]
    // methods are upper case
    [InlineData("""{"methods":["get"]}""", "methods.0", "invalid value: get")]
    [InlineData("""{"methods":["GET","Post"]}""", "methods.1", "invalid value: Post")]
    [InlineData("""{"methods":["GET "]}""", "methods.0", "invalid value: GET ")]
    [InlineData("""{"methods":[""]}""", "methods.0", "invalid value: ")]
    // hosts: one wildcard, leftmost or rightmost
    [InlineData("""{"hosts":["*.*.example.com"]}""", "hosts.0", "invalid wildcard: must have at most one wildcard")]
    [InlineData("""{"hosts":["foo.*.com"]}""", "hosts.0", "invalid wildcard: must be placed at leftmost or rightmost label")]
    [InlineData("""{"hosts":["*example.com"]}""", "hosts.0", "invalid wildcard: must be placed at leftmost or rightmost label")]
    [InlineData("""{"hosts":["example*"]}""", "hosts.0", "invalid wildcard: must be placed at leftmost or rightmost label")]
    [InlineData("""{"hosts":["ok.com","ex ample.com"]}""", "hosts.1", "invalid hostname: ex ample.com")]
    [InlineData("""{"hosts":["example.com:0"]}""", "hosts.0", "invalid port number")]
    [InlineData("""{"hosts":["example.com:65536"]}""", "hosts.0", "invalid port number")]
    [InlineData("""{"hosts":["example.com:http"]}""", "hosts.0", "invalid port number")]
    // paths: '/' for a prefix, '~' for a regex that compiles
    [InlineData("""{"paths":["~/(unclosed"]}""", "paths.0", "invalid regex: '/(unclosed'")]
    [InlineData("""{"paths":["/ok","~/a[z"]}""", "paths.1", "invalid regex: '/a[z'")]
    [InlineData("""{"paths":["~"]}""", "paths.0", "invalid regex: '' (empty)")]
    [InlineData("""{"paths":["api"]}""", "paths.0", "should start with: / (fixed path) or ~/ (regex path)")]
    [InlineData("""{"paths":[""]}""", "paths.0", "should start with: / (fixed path) or ~/ (regex path)")]
    [InlineData("""{"paths":["/a b"]}""", "paths.0", "invalid path: '/a b'")]
    // snis only where TLS is spoken, and never an IP or a port
    [InlineData("""{"protocols":["http"],"snis":["example.com"]}""", "snis", "'snis' can only be set when 'protocols' is 'grpcs', 'https' or 'wss'")]
    [InlineData("""{"protocols":["grpc","ws"],"snis":["example.com"]}""", "snis", "'snis' can only be set when 'protocols' is 'grpcs', 'https' or 'wss'")]
    [InlineData("""{"snis":["1.2.3.4"]}""", "snis.0", "must not be an IP or contain a port")]
    [InlineData("""{"snis":["example.com:443"]}""", "snis.0", "must not be an IP or contain a port")]
    [InlineData("""{"snis":["*.*.example.com"]}""", "snis.0", "invalid wildcard: must have at most one wildcard")]
    // headers: never 'host', and nothing empty
    [InlineData("""{"headers":{"host":["example.com"]}}""", "headers.host", "cannot contain 'host' header, which must be specified in the 'hosts' attribute")]
    [InlineData("""{"headers":{"Host":["example.com"]}}""", "headers.Host", "cannot contain 'host' header")]
    [InlineData("""{"headers":{"x-version":[]}}""", "headers.x-version", "header names and values must not be empty")]
    [InlineData("""{"headers":{"x-version":["v1",""]}}""", "headers.x-version", "header names and values must not be empty")]
    // regexes are checked as the router compiles them: anchored paths, case-insensitive header values
    [InlineData("""{"paths":["~(?x)/a#"]}""", "paths.0", "invalid regex")]
    [InlineData("""{"headers":{"x-version":["~*v(1"]}}""", "headers.x-version", "invalid regex")]
    // a regex that needs backtracking could be made slow by a request: refused
    [InlineData("""{"paths":["~/a(?=b)"]}""", "paths.0", "needs backtracking")]
    [InlineData("""{"paths":["~/(a)\\1"]}""", "paths.0", "needs backtracking")]
    [InlineData("""{"paths":["~/(?>a+)b"]}""", "paths.0", "needs backtracking")]
    [InlineData("""{"headers":{"x-version":["~*(?<!x)v1"]}}""", "headers.x-version", "needs backtracking")]
    // name
    [InlineData("""{"name":"","paths":["/"]}""", "name", "length must be at least 1")]
    public void Validate_BadRoute_ReportsField(string json, string path, string message) =>
        EntityChecks.AssertOnlyError(EntityChecks.Errors(EntityKinds.Routes, json), path, message);

    [Theory]
    [InlineData("""{"paths":["/"]}""")]
    [InlineData("""{"methods":["GET","POST"]}""")]
    [InlineData("""{"hosts":["example.com","*.example.com","example.*"]}""")]
    [InlineData("""{"hosts":["example.com:8080","10.0.0.1","[::1]:80","my_host"]}""")]
    [InlineData("""{"paths":["~/users/(?<id>\\d+)$","/static/"]}""")]
    [InlineData("""{"paths":["~/(a+)+$"]}""")]
    [InlineData("""{"headers":{"x-version":["v1","v2"]}}""")]
    [InlineData("""{"headers":{"x-version":["~*^v[12]$"]}}""")]
    [InlineData("""{"snis":["example.com","*.example.com"]}""")]
    [InlineData("""{"protocols":["grpcs"],"snis":["example.com"]}""")]
    [InlineData("""{"protocols":["wss"],"snis":["example.com"]}""")]
    [InlineData("""{"name":"r1","protocols":["https"],"methods":["GET"],"hosts":["a.com"],"paths":["/a"],"headers":{"x":["1"]},"snis":["a.com"]}""")]
    public void Validate_GoodRoute_ReportsNothing(string json) =>
        Assert.Empty(EntityChecks.Errors(EntityKinds.Routes, json));

    [Fact]
    public void Validate_SeveralBadValues_ReportsEveryOne()
    {
        var errors = EntityChecks.Errors(EntityKinds.Routes, """{"methods":["get"],"hosts":["a.*.b"],"paths":["x"],"headers":{"host":["a"]}}""");

        Assert.Equal(
            [
                "headers.host: cannot contain 'host' header, which must be specified in the 'hosts' attribute",
                "hosts.0: invalid wildcard: must be placed at leftmost or rightmost label",
                "methods.0: invalid value: get",
                "paths.0: should start with: / (fixed path) or ~/ (regex path)",
            ],
            errors);
    }
}
