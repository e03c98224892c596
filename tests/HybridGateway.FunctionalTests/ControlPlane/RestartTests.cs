using System.Net;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.ControlPlane;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_LosesNothing_AndKeepsCounting()
    {
        await using var cp = await IsolatedControlPlane.StartAsync();
        // Each write's reply is checked, so a lost write names itself rather than showing up as a version off by one.
        var writes = new[]
        {
            await cp.Admin.PostJson("/services", new { name = "durable", host = "example.com" }),
            await cp.Admin.PostJson("/services/durable/routes", new { name = "durable-route", paths = new[] { "/d" } }),
            await cp.Admin.PostJson("/consumers", new { username = "durable-user" }),
            await cp.Admin.PostJson("/consumers/durable-user/key-auth", new { key = "durable-key" }),
            await cp.Admin.PostJson("/services/durable/plugins", new { name = "rate-limiting", config = new { minute = 5, error_message = "Slow down, ünïcode" } }),
        };
        Assert.All(writes, w => Assert.True(w.Status == HttpStatusCode.Created, w.ToString()));
        var key = writes[3];
        var hash = (await cp.Admin.GetJson("/status")).Object["config"]!["hash"]!.GetValue<string>();
        var config = (await cp.Admin.GetJson("/config")).Body!.GetValue<string>();
        var history = (await cp.Admin.GetJson("/config/history")).Body!.ToJsonString();

        await cp.RestartAsync();

        Assert.Equal(config, (await cp.Admin.GetJson("/config")).Body!.GetValue<string>());
        // Replaying the event log gives back the very same content hash.
        Assert.Equal(hash, (await cp.Admin.GetJson("/status")).Object["config"]!["hash"]!.GetValue<string>());
        Assert.Equal(history, (await cp.Admin.GetJson("/config/history")).Body!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await cp.Admin.GetJson("/consumers/durable-user/key-auth/durable-key")).Status);
        Assert.Equal(HttpStatusCode.OK, (await cp.Admin.GetJson("/key-auths/" + key.Object["id"])).Status);
        var next = await cp.Admin.PostJson("/consumers", new { username = "after-restart" });
        Assert.Equal(6, next.ConfigVersion);
    }
}
