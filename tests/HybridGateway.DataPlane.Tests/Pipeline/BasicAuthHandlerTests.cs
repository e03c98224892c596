using System.Text;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.BasicAuth;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Pipeline;

public sealed class BasicAuthHandlerTests
{
    private static readonly Consumer Alice = Consumer("alice", customId: "c-7");
    private static readonly BasicAuthCredential AliceLogin = new()
    {
        Id = Guid.NewGuid(),
        Consumer = EntityRef.To(Alice.Id),
        Username = "alice-login",
        PasswordHash = PasswordHash.Create("open sesame:with colon", 1_000),
    };
    private static readonly Consumer Guest = Consumer("guest");
    private static readonly ConfigState People = State(Alice, AliceLogin, Guest);

    [Fact]
    public async Task NoCredentials_Is401_WithKongsMessageAndTheRealm()
    {
        var (passed, http, _) = await RunAsync("{}", _ => { });

        Assert.False(passed);
        Assert.Equal(401, http.Response.StatusCode);
        Assert.Equal("Basic realm=\"service\"", http.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal("Unauthorized", Message(http));
    }

    [Theory]
    [InlineData("alice-login", "wrong")]
    [InlineData("nobody", "open sesame:with colon")]
    [InlineData("ALICE-LOGIN", "open sesame:with colon")]
    [InlineData("alice-login", "open sesame:with colon ")]
    public async Task WrongCredentials_Are401(string username, string password)
    {
        var (passed, http, _) = await RunAsync("{\"realm\":\"shop\"}", r => r.Headers.Authorization = Basic(username, password));

        Assert.False(passed);
        Assert.Equal(401, http.Response.StatusCode);
        Assert.Equal("Basic realm=\"shop\"", http.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal("Unauthorized", Message(http));
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic")]
    [InlineData("Basic !!!notbase64")]
    [InlineData("Basicbm9jb2xvbg==")]
    public async Task MalformedHeaders_Are401(string header)
    {
        var (passed, http, _) = await RunAsync("{}", r => r.Headers.Authorization = header);
        Assert.False(passed);
        Assert.Equal(401, http.Response.StatusCode);
    }

    [Fact]
    public void Parse_SplitsAtTheFirstColon_AndRefusesAnEmptyUsername()
    {
        Assert.Equal(("u", "p:q"), BasicAuthHandler.Parse("  bAsIc   " + Convert.ToBase64String(Encoding.UTF8.GetBytes("u:p:q"))));
        Assert.Null(BasicAuthHandler.Parse("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":p"))));
        Assert.Null(BasicAuthHandler.Parse("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("nocolon"))));
        Assert.Null(BasicAuthHandler.Parse("Basic " + Convert.ToBase64String([0x75, 0xC3, 0x28, (byte)':', (byte)'p'])));
    }

    [Fact]
    public async Task RightCredentials_IdentifyTheConsumer_AndNameTheCredentialByItsUsername()
    {
        var (passed, http, request) = await RunAsync("{}", r =>
        {
            r.Headers.Authorization = Basic("alice-login", "open sesame:with colon");
            r.Headers[ConsumerHeaders.Anonymous] = "true";
        });

        Assert.True(passed);
        var headers = http.Request.Headers;
        Assert.Equal(Alice.Id.ToString(), headers[ConsumerHeaders.ConsumerId].ToString());
        Assert.Equal("alice", headers[ConsumerHeaders.Username].ToString());
        Assert.Equal("c-7", headers[ConsumerHeaders.CustomId].ToString());
        Assert.Equal("alice-login", headers[ConsumerHeaders.CredentialIdentifier].ToString());
        Assert.False(headers.ContainsKey(ConsumerHeaders.Anonymous));
        Assert.True(headers.ContainsKey("Authorization")); // hide_credentials is off
        Assert.Same(Alice, request.Consumer);
        Assert.Contains("Authorization", request.Redactions!);
    }

    [Fact]
    public async Task ProxyAuthorization_IsTriedFirst_AndHideCredentialsRemovesBoth()
    {
        var (passed, http, _) = await RunAsync("{\"hide_credentials\":true}", r =>
        {
            r.Headers["Proxy-Authorization"] = Basic("alice-login", "open sesame:with colon");
            r.Headers.Authorization = "Bearer something-for-the-upstream";
        });

        Assert.True(passed);
        Assert.False(http.Request.Headers.ContainsKey("Proxy-Authorization"));
        Assert.False(http.Request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Anonymous_IsUsedOnFailure_AndAnEarlierIdentificationIsKept()
    {
        var (passed, http, request) = await RunAsync("{\"anonymous\":\"guest\"}", r => r.Headers.Authorization = Basic("alice-login", "wrong"));
        Assert.True(passed);
        Assert.Same(Guest, request.Consumer);
        Assert.Equal("true", http.Request.Headers[ConsumerHeaders.Anonymous].ToString());

        var (missing, broken, _) = await RunAsync("{\"anonymous\":\"no-such-consumer\"}", _ => { });
        Assert.False(missing);
        Assert.Equal(500, broken.Response.StatusCode);
    }

    [Fact]
    public async Task AVerifiedPassword_IsNotHashedAgain_UntilTheStoredHashChanges()
    {
        var passwords = new VerifiedPasswords(TimeProvider.System);
        Assert.True(await passwords.MatchesAsync(AliceLogin.Id, AliceLogin.PasswordHash, "open sesame:with colon", default));
        Assert.True(await passwords.MatchesAsync(AliceLogin.Id, AliceLogin.PasswordHash, "open sesame:with colon", default));
        Assert.Equal(1, passwords.SlowChecks);
        Assert.False(await passwords.MatchesAsync(AliceLogin.Id, AliceLogin.PasswordHash, "guess", default));
        Assert.Equal(2, passwords.SlowChecks);
        var changed = PasswordHash.Create("new password", 1_000);
        Assert.False(await passwords.MatchesAsync(AliceLogin.Id, changed, "open sesame:with colon", default));
        Assert.True(await passwords.MatchesAsync(AliceLogin.Id, changed, "new password", default));
    }

    private static string Basic(string username, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));

    private static async Task<(bool Passed, DefaultHttpContext Http, PluginRequest Request)> RunAsync(string config, Action<HttpRequest> arrange)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Response.Body = new MemoryStream();
        arrange(http.Request);
        var handler = new BasicAuthRuntime(new VerifiedPasswords(TimeProvider.System)).Compile(Plugin("basic-auth", config));
        var request = new PluginRequest(http, Serving(People), "");
        return (await handler.AccessAsync(request), http, request);
    }

    private static string Message(DefaultHttpContext http) =>
        JsonNode.Parse(((MemoryStream)http.Response.Body).ToArray())!["message"]!.GetValue<string>();
}
