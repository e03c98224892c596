using System.Net;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Credentials;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.ControlPlane;

/// <summary>Create, read, update (PATCH and PUT) and delete for every entity, through Kong's paths.</summary>
public sealed class EntityCrudTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task Service_CreateReadPatchPutDelete()
    {
        var created = await Admin.PostJson("/services", new { name = "crud-svc", url = "https://api.example.com:8443/v1" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("https", created.Object["protocol"]!.GetValue<string>());
        Assert.Equal(8443, created.Object["port"]!.GetValue<int>());
        Assert.Equal("/v1", created.Object["path"]!.GetValue<string>());
        Assert.Equal(60000, created.Object["read_timeout"]!.GetValue<int>());
        var id = created.Object["id"]!.GetValue<string>();

        Assert.Equal(id, (await Admin.GetJson("/services/crud-svc")).Object["id"]!.GetValue<string>());
        Assert.Equal("crud-svc", (await Admin.GetJson("/services/" + id)).Object["name"]!.GetValue<string>());

        var patched = await Admin.PatchJson("/services/crud-svc", new { retries = 2 });
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(2, patched.Object["retries"]!.GetValue<int>());
        Assert.Equal("api.example.com", patched.Object["host"]!.GetValue<string>());

        var put = await Admin.PutJson("/services/crud-svc", new { host = "other.example.com" });
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(id, put.Object["id"]!.GetValue<string>());
        Assert.Equal(5, put.Object["retries"]!.GetValue<int>()); // PUT replaces: defaults come back
        Assert.Equal(80, put.Object["port"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Delete("/services/crud-svc")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJson("/services/crud-svc")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Delete("/services/crud-svc")).Status);
    }

    [Fact]
    public async Task Put_ByName_CreatesWhenMissing()
    {
        var put = await Admin.PutJson("/services/put-created", new { host = "example.org" });
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("put-created", put.Object["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Route_NestedUnderService_AndTopLevel()
    {
        var service0 = await Admin.PostJson("/services", new { name = "route-svc", host = "example.com" });
        Assert.True(service0.Status == HttpStatusCode.Created, service0.ToString());
        var nested = await Admin.PostJson("/services/route-svc/routes", new { name = "nested-route", paths = new[] { "/nested" } });
        Assert.True(nested.Status == HttpStatusCode.Created, nested.ToString());
        Assert.True(nested.Object["strip_path"]!.GetValue<bool>());
        Assert.Equal(426, nested.Object["https_redirect_status_code"]!.GetValue<int>());

        var top = await Admin.PostJson("/routes", new { name = "top-route", hosts = new[] { "*.example.com" }, service = new { name = "route-svc" } });
        Assert.Equal(HttpStatusCode.Created, top.Status);
        Assert.Equal(nested.Object["service"]!["id"]!.GetValue<string>(), top.Object["service"]!["id"]!.GetValue<string>());

        var list = await Admin.GetJson("/services/route-svc/routes");
        Assert.Equal(2, list.Object["data"]!.AsArray().Count);
        var service = await Admin.GetJson("/routes/top-route/service");
        Assert.Equal("route-svc", service.Object["name"]!.GetValue<string>());

        var patched = await Admin.PatchJson("/services/route-svc/routes/nested-route", new { methods = new[] { "GET" } });
        Assert.Equal(new[] { "GET" }, patched.Object["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Delete("/routes/top-route")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJson("/routes/top-route")).Status);
    }

    [Fact]
    public async Task Consumer_AndEveryCredential()
    {
        var consumer = await Admin.PostJson("/consumers", new { username = "cred-user", custom_id = "c-1" });
        Assert.Equal(HttpStatusCode.Created, consumer.Status);

        var key = await Admin.PostJson("/consumers/cred-user/key-auth", new { key = "my-secret-key" });
        Assert.Equal(HttpStatusCode.Created, key.Status);
        Assert.Equal("my-secret-key", key.Object["key"]!.GetValue<string>());
        Assert.Equal(KeyHash.Of("my-secret-key"), key.Object["key_hash"]!.GetValue<string>());
        var keyRead = await Admin.GetJson("/consumers/cred-user/key-auth/" + key.Object["id"]);
        Assert.Null(keyRead.Object["key"]);
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetJson("/consumers/cred-user/key-auth/my-secret-key")).Status);

        var generated = await Admin.PostJson("/consumers/cred-user/key-auth", null);
        Assert.Equal(32, generated.Object["key"]!.GetValue<string>().Length);

        var basic = await Admin.PostJson("/consumers/cred-user/basic-auth", new { username = "cred-basic", password = "hunter2" });
        Assert.Equal(HttpStatusCode.Created, basic.Status);
        var stored = basic.Object["password_hash"]!.GetValue<string>();
        Assert.StartsWith(PasswordHash.Prefix, stored, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("hunter2", stored));
        Assert.DoesNotContain("hunter2", basic.Body!.ToJsonString(), StringComparison.Ordinal);

        var jwt = await Admin.PostJson("/consumers/cred-user/jwt", null);
        Assert.Equal(HttpStatusCode.Created, jwt.Status);
        Assert.Equal("HS256", jwt.Object["algorithm"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(jwt.Object["secret"]!.GetValue<string>()));

        var acl = await Admin.PostJson("/consumers/cred-user/acls", new { group = "admins" });
        Assert.Equal(HttpStatusCode.Created, acl.Status);
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetJson("/consumers/cred-user/acls/admins")).Status);

        var patchedAcl = await Admin.PatchJson("/consumers/cred-user/acls/admins", new { tags = new[] { "t" } });
        Assert.Equal("t", patchedAcl.Object["tags"]![0]!.GetValue<string>());

        Assert.Single((await Admin.GetJson("/basic-auths")).Object["data"]!.AsArray(), b => b!["username"]!.GetValue<string>() == "cred-basic");
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Delete("/consumers/cred-user/jwt/" + jwt.Object["id"])).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Delete("/consumers/cred-user")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJson("/consumers/cred-user/acls/admins")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJson("/key-auths/" + key.Object["id"])).Status);
    }

    [Fact]
    public async Task Plugin_AtEveryScope_WithDefaultsFilledAndConfigMergedOnPatch()
    {
        await Admin.PostJson("/services", new { name = "plugin-svc", host = "example.com" });
        await Admin.PostJson("/services/plugin-svc/routes", new { name = "plugin-route", paths = new[] { "/p" } });
        await Admin.PostJson("/consumers", new { username = "plugin-user" });

        var global = await Admin.PostJson("/plugins", new { name = "correlation-id" });
        Assert.Equal(HttpStatusCode.Created, global.Status);
        Assert.Equal("Kong-Request-ID", global.Object["config"]!["header_name"]!.GetValue<string>());

        var onService = await Admin.PostJson("/services/plugin-svc/plugins", new { name = "key-auth" });
        Assert.Equal(HttpStatusCode.Created, onService.Status);
        Assert.Equal("apikey", onService.Object["config"]!["key_names"]![0]!.GetValue<string>());

        var onRoute = await Admin.PostJson("/routes/plugin-route/plugins", new { name = "rate-limiting", config = new { minute = 10, hour = 100 } });
        Assert.Equal(HttpStatusCode.Created, onRoute.Status);
        var onConsumer = await Admin.PostJson("/consumers/plugin-user/plugins", new { name = "rate-limiting", config = new { second = 1 } });
        Assert.Equal(HttpStatusCode.Created, onConsumer.Status);

        var patched = await Admin.PatchJson("/plugins/" + onRoute.Object["id"], new { config = new { hour = 200 } });
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(10, patched.Object["config"]!["minute"]!.GetValue<double>());
        Assert.Equal(200, patched.Object["config"]!["hour"]!.GetValue<double>());

        Assert.Single((await Admin.GetJson("/services/plugin-svc/plugins")).Object["data"]!.AsArray());
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Delete("/plugins/" + global.Object["id"])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJson("/plugins/" + global.Object["id"])).Status);
    }

    [Fact]
    public async Task Upstream_AndTargets()
    {
        var upstream = await Admin.PostJson("/upstreams", new { name = "crud-upstream" });
        Assert.Equal(HttpStatusCode.Created, upstream.Status);
        Assert.Equal(10, upstream.Object["healthchecks"]!["active"]!["concurrency"]!.GetValue<int>());
        Assert.Equal(new[] { 429, 500, 503 }, upstream.Object["healthchecks"]!["passive"]!["unhealthy"]!["http_statuses"]!.AsArray().Select(s => s!.GetValue<int>()));

        var target = await Admin.PostJson("/upstreams/crud-upstream/targets", new { target = "10.0.0.1", weight = 50 });
        Assert.Equal(HttpStatusCode.Created, target.Status);
        Assert.Equal("10.0.0.1:8000", target.Object["target"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetJson("/upstreams/crud-upstream/targets/10.0.0.1:8000")).Status);

        var patched = await Admin.PatchJson("/upstreams/crud-upstream", new { healthchecks = new { active = new { healthy = new { interval = 5 } } } });
        Assert.Equal(5, patched.Object["healthchecks"]!["active"]!["healthy"]!["interval"]!.GetValue<double>());
        Assert.Equal(10, patched.Object["healthchecks"]!["active"]!["concurrency"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Delete("/upstreams/crud-upstream")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJson("/upstreams/crud-upstream/targets")).Status);
    }

    [Fact]
    public async Task Certificate_WithSnis_AndCaCertificate()
    {
        var (cert, key) = TestCertificates.SelfSigned("crud.example.com");
        var created = await Admin.PostJson("/certificates", new JsonObject
        {
            ["cert"] = cert,
            ["key"] = key,
            ["snis"] = new JsonArray("crud.example.com", "*.crud.example.com"),
        });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(2, created.Object["snis"]!.AsArray().Count);
        var id = created.Object["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await Admin.GetJson("/snis/crud.example.com")).Status);
        var replaced = await Admin.PatchJson("/certificates/" + id, new { snis = new[] { "new.example.com" } });
        Assert.Equal("new.example.com", replaced.Object["snis"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJson("/snis/crud.example.com")).Status);

        var sni = await Admin.PostJson("/snis", new { name = "extra.example.com", certificate = new { id } });
        Assert.Equal(HttpStatusCode.Created, sni.Status);
        Assert.Equal(2, (await Admin.GetJson("/certificates/" + id + "/snis")).Object["data"]!.AsArray().Count);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Delete("/certificates/" + id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJson("/snis/extra.example.com")).Status);

        var (caCert, _) = TestCertificates.SelfSigned("Test CA", ca: true);
        var ca = await Admin.PostJson("/ca_certificates", new { cert = caCert });
        Assert.Equal(HttpStatusCode.Created, ca.Status);
        Assert.Equal(64, ca.Object["cert_digest"]!.GetValue<string>().Length);
        var service = await Admin.PostJson("/services", new JsonObject
        {
            ["name"] = "tls-svc",
            ["url"] = "https://secure.example.com",
            ["ca_certificates"] = new JsonArray(ca.Object["id"]!.GetValue<string>()),
        });
        Assert.Equal(HttpStatusCode.Created, service.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.Delete("/ca_certificates/" + ca.Object["id"])).Status);

        var (newCaCert, _) = TestCertificates.SelfSigned("Rotated CA", ca: true);
        var rotated = await Admin.PatchJson("/ca_certificates/" + ca.Object["id"], new { cert = newCaCert });
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.NotEqual(ca.Object["cert_digest"]!.GetValue<string>(), rotated.Object["cert_digest"]!.GetValue<string>());
    }

    [Fact]
    public async Task MultipartBody_UploadsCertificateFiles_AsCurlDashF()
    {
        var (cert, key) = TestCertificates.SelfSigned("multipart.example.com");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(cert), "cert", "cert.pem" },
            { new StringContent(key), "key", "key.pem" },
            { new StringContent("multipart.example.com"), "snis[]" },
        };
        var reply = await Admin.Send(HttpMethod.Post, "/certificates", form);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal("multipart.example.com", reply.Object["snis"]![0]!.GetValue<string>());
        Assert.Equal(cert, reply.Object["cert"]!.GetValue<string>());
    }

    [Fact]
    public async Task FormEncodedBodies_AreTypedByTheSchema()
    {
        using var form = new FormUrlEncodedContent(
        [
            KeyValuePair.Create("name", "form-svc"),
            KeyValuePair.Create("host", "example.com"),
            KeyValuePair.Create("port", "8080"),
            KeyValuePair.Create("tags[]", "a"),
            KeyValuePair.Create("tags[]", "b"),
        ]);
        var reply = await Admin.Send(HttpMethod.Post, "/services", form);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal(8080, reply.Object["port"]!.GetValue<int>());
        Assert.Equal(2, reply.Object["tags"]!.AsArray().Count);

        using var plugin = new FormUrlEncodedContent(
        [
            KeyValuePair.Create("name", "rate-limiting"),
            KeyValuePair.Create("config.minute", "20"),
            KeyValuePair.Create("config.hide_client_headers", "true"),
        ]);
        var pluginReply = await Admin.Send(HttpMethod.Post, "/services/form-svc/plugins", plugin);
        Assert.Equal(HttpStatusCode.Created, pluginReply.Status);
        Assert.Equal(20, pluginReply.Object["config"]!["minute"]!.GetValue<double>());
        Assert.True(pluginReply.Object["config"]!["hide_client_headers"]!.GetValue<bool>());
    }
}
