using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.Transformers;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Pipeline;

public sealed class RequestTransformerHandlerTests
{
    [Fact]
    public async Task Headers_RemoveRenameReplaceAddAppend_InKongsOrderAndMeaning()
    {
        var (_, http) = await RunAsync("""
            {"remove": {"headers": ["x-secret"]},
             "rename": {"headers": ["x-old:x-new", "x-missing:x-nothing"]},
             "replace": {"headers": ["x-version:v2", "x-absent:never"]},
             "add": {"headers": ["x-version:ignored", "x-added:yes"]},
             "append": {"headers": ["x-list:b"]}}
            """, r =>
        {
            r.Headers["X-Secret"] = "s";
            r.Headers["X-Old"] = "moved";
            r.Headers["X-Version"] = "v1";
            r.Headers["X-List"] = "a";
        });

        var headers = http.Request.Headers;
        Assert.False(headers.ContainsKey("x-secret"));
        Assert.False(headers.ContainsKey("x-old"));
        Assert.Equal("moved", headers["x-new"].ToString());
        Assert.False(headers.ContainsKey("x-nothing"));
        Assert.Equal("v2", headers["x-version"].ToString());
        Assert.False(headers.ContainsKey("x-absent"));
        Assert.Equal("yes", headers["x-added"].ToString());
        Assert.Equal("a,b", headers["x-list"].ToString());
    }

    [Fact]
    public async Task QueryString_IsTransformed_AndReEncoded()
    {
        var (request, _) = await RunAsync("""
            {"remove": {"querystring": ["token"]}, "rename": {"querystring": ["q:search"]},
             "replace": {"querystring": ["page:1"]}, "add": {"querystring": ["lang:en gb", "page:9"]},
             "append": {"querystring": ["tag:new"]}}
            """, _ => { }, query: "?q=a%20b&token=t&page=3&tag=old");

        Assert.Equal("?search=a%20b&page=1&tag=old&lang=en%20gb&tag=new", request.Query);
        var (untouched, _) = await RunAsync("""{"remove": {"querystring": ["absent"]}}""", _ => { }, query: "?a=%2F+b");
        Assert.Equal("?a=%2F+b", untouched.Query);
    }

    [Fact]
    public async Task JsonBody_TopLevelFields_AreTransformed()
    {
        var (_, http) = await RunAsync("""
            {"remove": {"body": ["password"]}, "rename": {"body": ["user:username"]},
             "replace": {"body": ["role:viewer"]}, "add": {"body": ["source:gateway", "role:ignored"]},
             "append": {"body": ["tags:b", "fresh:x"]}}
            """, r => Body(r, "application/json", """{"user":"ann","password":"p","role":"admin","tags":"a","nested":{"k":1}}"""));

        var body = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync())!;
        Assert.Null(body["password"]);
        Assert.Equal("ann", body["username"]!.GetValue<string>());
        Assert.Equal("viewer", body["role"]!.GetValue<string>());
        Assert.Equal("gateway", body["source"]!.GetValue<string>());
        Assert.Equal("[\"a\",\"b\"]", body["tags"]!.ToJsonString());
        Assert.Equal("x", body["fresh"]!.GetValue<string>());
        Assert.Equal(1, body["nested"]!["k"]!.GetValue<int>());
        Assert.Equal(http.Request.ContentLength, Encoding.UTF8.GetByteCount(body.ToJsonString()));
    }

    [Fact]
    public async Task FormBody_IsTransformed_AndABodilessRequestGetsAFormForAddedFields()
    {
        var (_, form) = await RunAsync("""{"remove": {"body": ["b"]}, "add": {"body": ["c:3"]}}""",
            r => Body(r, "application/x-www-form-urlencoded", "a=1&b=2"));
        Assert.Equal("a=1&c=3", await new StreamReader(form.Request.Body).ReadToEndAsync());

        var (_, created) = await RunAsync("""{"add": {"body": ["grant_type:client_credentials"]}}""", r => r.Method = "POST");
        Assert.Equal("application/x-www-form-urlencoded", created.Request.ContentType);
        Assert.Equal("grant_type=client_credentials", await new StreamReader(created.Request.Body).ReadToEndAsync());

        var (_, other) = await RunAsync("""{"add": {"body": ["c:3"]}}""", r => Body(r, "text/plain", "as it is"));
        Assert.Equal("as it is", await new StreamReader(other.Request.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task Templates_ReadHeadersQueryAndUriCaptures_AndReplaceUriSetsTheUpstreamPath()
    {
        var match = new Regex("^/users/(?<id>\\d+)/(\\w+)$").Match("/users/42/orders");
        var (request, http) = await RunAsync("""
            {"http_method": "POST",
             "add": {"headers": ["x-user:$(uri_captures.id)", "x-what:$(uri_captures[2])", "x-from:$(headers[\"x-client\"])-$(query_params.v)", "x-literal:\\$(headers.x)", "x-none:[$(headers.absent)]"]},
             "replace": {"uri": "/v2/accounts/$(uri_captures.id)"}}
            """, r => r.Headers["X-Client"] = "web", query: "?v=3", match: match);

        var headers = http.Request.Headers;
        Assert.Equal("POST", http.Request.Method);
        Assert.Equal("42", headers["x-user"].ToString());
        Assert.Equal("orders", headers["x-what"].ToString());
        Assert.Equal("web-3", headers["x-from"].ToString());
        Assert.Equal("$(headers.x)", headers["x-literal"].ToString());
        Assert.Equal("[]", headers["x-none"].ToString());
        Assert.Equal("/v2/accounts/42", request.UpstreamPath);
    }

    [Fact]
    public async Task ABodyOverTheBound_IsForwardedWhole_AndUnchanged()
    {
        var large = "{\"pad\":\"" + new string('x', RequestTransformerHandler.MaxBody) + "\"}";
        var (_, http) = await RunAsync("""{"add": {"body": ["extra:1"]}}""", r =>
        {
            Body(r, "application/json", large);
            r.ContentLength = null; // chunked: the bound is found while reading
        });
        Assert.Equal(large, await new StreamReader(http.Request.Body).ReadToEndAsync());
    }

    [Theory]
    [InlineData("""{"add": {"headers": ["x:$(os.getenv(\"HOME\"))"]}}""")]
    [InlineData("""{"add": {"headers": ["x:$(headers.a .. headers.b)"]}}""")]
    [InlineData("""{"replace": {"uri": "/$(shared.x)"}}""")]
    public void LuaExpressions_AreRefusedAsUnsupported(string config)
    {
        var reason = new RequestTransformerRuntime().Unsupported(Plugin("request-transformer", config));
        Assert.Contains("is not supported", reason, StringComparison.Ordinal);
    }

    private static void Body(HttpRequest request, string contentType, string body)
    {
        request.Method = "POST";
        request.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        request.Body = new MemoryStream(bytes);
        request.ContentLength = bytes.Length;
    }

    private static async Task<(PluginRequest Request, DefaultHttpContext Http)> RunAsync(string config, Action<HttpRequest> arrange, string query = "", Match? match = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        arrange(http.Request);
        var handler = new RequestTransformerRuntime().Compile(Plugin("request-transformer", config));
        var request = new PluginRequest(http, Serving(State()), query) { RegexMatch = match };
        Assert.True(await handler.AccessAsync(request));
        return (request, http);
    }
}
