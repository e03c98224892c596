using System.Net;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.ControlPlane;

public sealed class AdminAuthTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    [Theory]
    [InlineData("/services")]
    [InlineData("/config")]
    [InlineData("/no/such/path")]
    [InlineData("/")]
    public async Task AnyPath_WithoutToken_Is401AndNothingElse(string path)
    {
        using var client = fixture.Host.Admin(token: null);
        var reply = await client.GetJson(path);
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("Unauthorized", reply.Object["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Write_WithWrongToken_Is401AndWritesNothing()
    {
        var before = await fixture.Admin.ConfigVersionAsync();
        using var client = fixture.Host.Admin(token: "wrong-token-wrong-token");
        var reply = await client.PostJson("/services", new { name = "intruder", host = "example.com" });
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(before, await fixture.Admin.ConfigVersionAsync());
    }

    [Fact]
    public async Task KongAdminTokenHeader_IsAccepted()
    {
        using var client = fixture.Host.Admin(token: null);
        client.DefaultRequestHeaders.Add("Kong-Admin-Token", ControlPlaneHost.Token);
        var reply = await client.GetJson("/services");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task BearerToken_IsAccepted_AndNamedInHistory()
    {
        var created = await fixture.Admin.PostJson("/consumers", new { username = "auth-history" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var history = await fixture.Admin.GetJson("/config/history?size=1");
        Assert.Equal("token:bootstrap", history.Object["data"]![0]!["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClusterPort_DoesNotServeTheAdminApi()
    {
        using var handler = new SocketsHttpHandler();
        using var client = new HttpClient(handler) { BaseAddress = fixture.Host.ClusterUri, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        client.DefaultRequestHeaders.Add("Kong-Admin-Token", ControlPlaneHost.Token);
        var response = await client.GetAsync("/services");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
