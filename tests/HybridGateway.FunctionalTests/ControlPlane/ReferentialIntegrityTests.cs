using System.Net;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.ControlPlane;

public sealed class ReferentialIntegrityTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task Route_ToAMissingService_Is400NamingTheForeignKey()
    {
        var missing = Guid.NewGuid();
        var reply = await Admin.PostJson("/routes", new { paths = new[] { "/x" }, service = new { id = missing } });
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("foreign key violation", reply.Object["name"]!.GetValue<string>());
        Assert.Contains(missing.ToString(), reply.Object["fields"]!["service"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_ToAServiceNameThatDoesNotExist_Is400()
    {
        var reply = await Admin.PostJson("/routes", new { paths = new[] { "/x" }, service = new { name = "no-such-service" } });
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("no-such-service", reply.Object["fields"]!["service"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingAServiceThatRoutesUse_IsRefused_AndDeletingTheRouteFirstWorks()
    {
        await Admin.PostJson("/services", new { name = "in-use", host = "example.com" });
        await Admin.PostJson("/services/in-use/routes", new { name = "user-of-in-use", paths = new[] { "/u" } });
        var refused = await Admin.Delete("/services/in-use");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("an existing 'routes' entity references this 'services' entity", refused.Object["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetJson("/services/in-use")).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Delete("/routes/user-of-in-use")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Delete("/services/in-use")).Status);
    }

    [Fact]
    public async Task DeletingAService_TakesItsPluginsWithIt()
    {
        await Admin.PostJson("/services", new { name = "with-plugin", host = "example.com" });
        var plugin = await Admin.PostJson("/services/with-plugin/plugins", new { name = "prometheus" });
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Delete("/services/with-plugin")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJson("/plugins/" + plugin.Object["id"])).Status);
    }

    [Fact]
    public async Task DuplicateName_Is409UniqueViolation()
    {
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostJson("/services", new { name = "twice", host = "example.com" })).Status);
        var second = await Admin.PostJson("/services", new { name = "twice", host = "example.org" });
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("UNIQUE violation detected on '{name=\"twice\"}'", second.Object["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task SamePluginTwiceOnOneScope_Is409()
    {
        await Admin.PostJson("/services", new { name = "plugin-twice", host = "example.com" });
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostJson("/services/plugin-twice/plugins", new { name = "cors" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.PostJson("/services/plugin-twice/plugins", new { name = "cors" })).Status);
    }

    [Fact]
    public async Task NestedCollection_UnderAMissingParent_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostJson("/consumers/nobody/key-auth", new { key = "k" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJson("/services/nothing/routes")).Status);
    }

    [Fact]
    public async Task AnEntityOfAnotherParent_IsNotFoundThroughThisParent()
    {
        await Admin.PostJson("/consumers", new { username = "owner-a" });
        await Admin.PostJson("/consumers", new { username = "owner-b" });
        var acl = await Admin.PostJson("/consumers/owner-a/acls", new { group = "g" });
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJson("/consumers/owner-b/acls/" + acl.Object["id"])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PatchJson("/consumers/owner-b/acls/" + acl.Object["id"], new { group = "h" })).Status);
    }

    [Fact]
    public async Task CreatingWithAnExistingId_Is409()
    {
        var first = await Admin.PostJson("/consumers", new { username = "id-owner" });
        var again = await Admin.PostJson("/consumers", new { id = first.Object["id"]!.GetValue<string>(), username = "id-thief" });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }
}
