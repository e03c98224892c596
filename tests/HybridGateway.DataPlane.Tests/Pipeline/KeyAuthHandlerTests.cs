using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.KeyAuth;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Pipeline;

public sealed class KeyAuthHandlerTests
{
    private static readonly Consumer Alice = Consumer("alice", customId: "c-42");
    private static readonly KeyAuthCredential AliceKey = Key(Alice, "alice-secret-key");
    private static readonly Consumer Guest = Consumer("guest");
    private static readonly ConfigState People = State(Alice, AliceKey, Guest);

    [Fact]
    public async Task Access_NoKey_Is401WithKongsMessageAndChallenge()
    {
        var (passed, http, _) = await RunAsync("{}", request => { });

        Assert.False(passed);
        Assert.Equal(401, http.Response.StatusCode);
        Assert.Equal("Key", http.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal("No API key found in request", Message(http));
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData("alice-secret-key ")]
    [InlineData("ALICE-SECRET-KEY")]
    public async Task Access_WrongKey_Is401Unauthorized(string key)
    {
        var (passed, http, _) = await RunAsync("{\"realm\":\"shop\"}", request => request.Headers["apikey"] = key);

        Assert.False(passed);
        Assert.Equal(401, http.Response.StatusCode);
        Assert.Equal("Key realm=\"shop\"", http.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal("Unauthorized", Message(http));
    }

    [Fact]
    public async Task Access_KeyInHeader_IdentifiesTheConsumer_AndReplacesSpoofedConsumerHeaders()
    {
        var (passed, http, request) = await RunAsync("{}", r =>
        {
            r.Headers["apikey"] = "alice-secret-key";
            r.Headers[ConsumerHeaders.Anonymous] = "true";
            r.Headers[ConsumerHeaders.Username] = "admin";
        });

        Assert.True(passed);
        var headers = http.Request.Headers;
        Assert.Equal(Alice.Id.ToString(), headers[ConsumerHeaders.ConsumerId].ToString());
        Assert.Equal("alice", headers[ConsumerHeaders.Username].ToString());
        Assert.Equal("c-42", headers[ConsumerHeaders.CustomId].ToString());
        Assert.Equal(AliceKey.Id.ToString(), headers[ConsumerHeaders.CredentialIdentifier].ToString());
        Assert.False(headers.ContainsKey(ConsumerHeaders.Anonymous));
        Assert.Equal("alice-secret-key", headers["apikey"].ToString()); // hide_credentials is off
        Assert.Same(Alice, request.Consumer);
    }

    [Fact]
    public async Task Access_KeyInQuery_WithHideCredentials_IsRemovedFromWhatGoesUpstream()
    {
        var (passed, _, request) = await RunAsync("{\"hide_credentials\":true,\"key_names\":[\"apikey\",\"x-key\"]}",
            r => { }, query: "?a=1&x-key=alice-secret-key&b=%2F");

        Assert.True(passed);
        Assert.Equal("?a=1&b=%2F", request.Query);
    }

    [Fact]
    public async Task Access_HideCredentials_RemovesTheHeader()
    {
        var (passed, http, _) = await RunAsync("{\"hide_credentials\":true}", r => r.Headers["apikey"] = "alice-secret-key");

        Assert.True(passed);
        Assert.False(http.Request.Headers.ContainsKey("apikey"));
    }

    [Fact]
    public async Task Access_PercentEncodedKeyInQuery_IsDecoded()
    {
        var consumer = Consumer("bob");
        var state = State(consumer, Key(consumer, "a b/c"));
        var (passed, _, _) = await RunAsync("{}", r => { }, query: "?apikey=a+b%2Fc", state: state);

        Assert.True(passed);
    }

    [Fact]
    public async Task Access_KeyInQuery_IsIgnoredWhenKeyInQueryIsOff()
    {
        var (passed, http, _) = await RunAsync("{\"key_in_query\":false}", r => { }, query: "?apikey=alice-secret-key");

        Assert.False(passed);
        Assert.Equal("No API key found in request", Message(http));
    }

    [Theory]
    [InlineData("?apikey=alice-secret-key&apikey=other")]
    [InlineData("?apikey&apikey=alice-secret-key")]
    public async Task Access_TheKeyTwiceInTheQuery_Is401Duplicate(string query)
    {
        var (passed, http, _) = await RunAsync("{}", r => { }, query: query);

        Assert.False(passed);
        Assert.Equal("Duplicate API key found", Message(http));
    }

    [Fact]
    public async Task Access_TheKeyHeaderTwice_Is401Duplicate()
    {
        var (passed, http, _) = await RunAsync("{}", r => r.Headers["apikey"] = new Microsoft.Extensions.Primitives.StringValues(["alice-secret-key", "x"]));

        Assert.False(passed);
        Assert.Equal("Duplicate API key found", Message(http));
    }

    [Theory]
    [InlineData("?apikey")]
    [InlineData("?apikey=")]
    public async Task Access_AnArgumentWithoutAValue_IsNoKey(string query)
    {
        var (passed, http, _) = await RunAsync("{}", r => { }, query: query);

        Assert.False(passed);
        Assert.Equal("No API key found in request", Message(http));
    }

    [Fact]
    public async Task Access_SecondKeyName_IsUsedWhenTheFirstIsAbsent()
    {
        var (passed, _, _) = await RunAsync("{\"key_names\":[\"apikey\",\"x-api-key\"]}", r => r.Headers["X-API-KEY"] = "alice-secret-key");

        Assert.True(passed);
    }

    [Fact]
    public async Task Access_ExpiredKey_Is401()
    {
        var consumer = Consumer("carol");
        var written = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        var state = State(consumer, Key(consumer, "old-key", ttl: 3600, writtenAt: written), Key(consumer, "fresh-key", ttl: 86400, writtenAt: written));

        Assert.False((await RunAsync("{}", r => r.Headers["apikey"] = "old-key", state: state)).Passed);
        Assert.True((await RunAsync("{}", r => r.Headers["apikey"] = "fresh-key", state: state)).Passed);
    }

    [Theory]
    [InlineData("guest")]
    [InlineData("by-id")]
    [InlineData("guid-username")]
    public async Task Access_WithAnonymous_FailureFallsBackToTheAnonymousConsumer(string anonymous)
    {
        var guest = anonymous == "guid-username" ? Consumer("7d2b8a9e-3c1f-4b6a-9e0d-5f4c3b2a1908") : Guest;
        var name = anonymous switch { "by-id" => Guest.Id.ToString(), "guid-username" => guest.Username!, _ => anonymous };
        var (passed, http, request) = await RunAsync("{\"anonymous\":\"" + name + "\"}", r => r.Headers["apikey"] = "wrong",
            state: Upsert(People, guest));

        Assert.True(passed);
        Assert.Equal(guest.Id, request.Consumer!.Id);
        Assert.Equal("true", http.Request.Headers[ConsumerHeaders.Anonymous].ToString());
        Assert.Equal(guest.Username, http.Request.Headers[ConsumerHeaders.Username].ToString());
        Assert.False(http.Request.Headers.ContainsKey(ConsumerHeaders.CredentialIdentifier));
    }

    [Fact]
    public async Task Access_AnonymousThatDoesNotExist_Is500NamingIt()
    {
        var (passed, http, _) = await RunAsync("{\"anonymous\":\"nobody\"}", r => { });

        Assert.False(passed);
        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal("anonymous consumer nobody is configured but doesn't exist", Message(http));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Access_Preflight_IsAuthenticatedOnlyWithRunOnPreflight(bool runOnPreflight, bool expectPassed)
    {
        var (passed, _, _) = await RunAsync("{\"run_on_preflight\":" + (runOnPreflight ? "true" : "false") + "}", r => r.Method = "OPTIONS");

        Assert.Equal(expectPassed, passed);
    }

    [Fact]
    public void Runtime_KeyInBody_IsRefusedAsUnsupported()
    {
        var runtime = new KeyAuthRuntime();

        Assert.Contains("key_in_body", runtime.Unsupported(KeyAuth(config: "{\"key_in_body\":true}")), StringComparison.Ordinal);
        Assert.Null(runtime.Unsupported(KeyAuth()));
    }

    private static async Task<(bool Passed, DefaultHttpContext Http, PluginRequest Request)> RunAsync(
        string config, Action<HttpRequest> arrange, string query = "", ConfigState? state = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Response.Body = new MemoryStream();
        arrange(http.Request);
        var plugin = KeyAuth(config: config);
        var handler = new KeyAuthRuntime().Compile(plugin);
        var request = new PluginRequest(http, Serving(state ?? People), query);
        var passed = await handler.AccessAsync(request);
        return (passed, http, request);
    }

    private static string Message(DefaultHttpContext http) =>
        JsonNode.Parse(((MemoryStream)http.Response.Body).ToArray())!["message"]!.GetValue<string>();
}
