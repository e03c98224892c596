using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using HybridGateway.Contracts.Admin.V1;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;
using Npgsql;

namespace HybridGateway.FunctionalTests.AdminGrpc;

/// <summary>Scoped admin tokens: each role against each kind of operation on both APIs, revocation and expiry at once, names in the history, tag restriction.</summary>
[Collection(ProcessCollection.Name)]
public sealed class TokenRoleTests
{
    private static readonly Google.Protobuf.WellKnownTypes.Struct NewService = Google.Protobuf.JsonParser.Default.Parse<Google.Protobuf.WellKnownTypes.Struct>("{\"host\": \"x.internal\"}");

    [Fact]
    public async Task EachRole_OnEachKindOfOperation_OnBothApis()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        await hybrid.AddEchoRouteAsync("existing", "/existing");
        var secrets = new Dictionary<string, string>();
        foreach (var role in new[] { "read-only", "operator", "admin" })
        {
            var created = await hybrid.Admin.PostJson("/admin-tokens", new { name = "as-" + role, role });
            Assert.Equal(HttpStatusCode.Created, created.Status);
            secrets[role] = created.Object["token"]!.GetValue<string>();
        }
        var version = await hybrid.Admin.ConfigVersionAsync();
        var n = 0;
        foreach (var role in secrets.Keys)
        {
            using var rest = Rest(hybrid, secrets[role]);
            using var channel = Channel(hybrid);
            var grpc = new Contracts.Admin.V1.AdminApi.AdminApiClient(channel);
            var headers = Bearer(secrets[role]);
            var writer = role != "read-only";
            var admin = role == "admin";
            n++;

            Assert.Equal(HttpStatusCode.OK, (await rest.GetJson("/services")).Status);
            Assert.Equal(HttpStatusCode.OK, (await rest.GetJson("/config/history")).Status);
            Assert.Equal(HttpStatusCode.OK, (await rest.GetJson("/clustering/data-planes")).Status);
            Assert.Equal(writer ? HttpStatusCode.Created : HttpStatusCode.Forbidden, (await rest.PostJson("/services", new { name = "rest-" + n, host = "x.internal" })).Status);
            Assert.Equal(writer ? HttpStatusCode.OK : HttpStatusCode.Forbidden, (await rest.PatchJson("/services/existing", new { retries = n })).Status);
            Assert.Equal(writer ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden, (await rest.Delete("/routes/none-" + n)).Status);
            Assert.Equal(HttpStatusCode.OK, (await DeclarativeAsync(rest, "/config?dry_run=true")).StatusCode);
            Assert.Equal(writer ? HttpStatusCode.OK : HttpStatusCode.Forbidden, Ok((await DeclarativeAsync(rest, "/config")).StatusCode));
            Assert.Equal(writer ? HttpStatusCode.OK : HttpStatusCode.Forbidden, Ok((await rest.PostJson("/config/rollback", new { version })).Status));
            Assert.Equal(writer ? HttpStatusCode.OK : HttpStatusCode.Forbidden, Ok((await rest.PutJson("/clustering/holds/h-" + n, new { version, selector = new { region = "none" } })).Status));
            Assert.Equal(admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden, (await rest.GetJson("/admin-tokens")).Status);
            Assert.Equal(admin ? HttpStatusCode.Created : HttpStatusCode.Forbidden, (await rest.PostJson("/admin-tokens", new { name = "made-by-" + n })).Status);

            Assert.NotEmpty((await grpc.ListEntitiesAsync(new ListEntitiesRequest { Kind = "services" }, headers)).Data);
            await grpc.ListHistoryAsync(new ListHistoryRequest(), headers);
            await grpc.ListDataPlanesAsync(new ListDataPlanesRequest(), headers);
            await grpc.ApplyConfigAsync(new ApplyConfigRequest { Document = "_format_version: \"3.0\"\n", DryRun = true }, headers);
            await Expect(writer, () => grpc.CreateEntityAsync(new WriteEntityRequest { Kind = "services", Entity = Named(NewService, "grpc-" + n) }, headers).ResponseAsync);
            await Expect(writer, () => grpc.PatchEntityAsync(new WriteEntityRequest { Kind = "services", Key = "existing", Entity = NewService }, headers).ResponseAsync);
            await Expect(writer, () => grpc.DeleteEntityAsync(new DeleteEntityRequest { Kind = "routes", Key = "none" }, headers).ResponseAsync);
            await Expect(writer, () => grpc.ApplyConfigAsync(new ApplyConfigRequest { Document = "_format_version: \"3.0\"\nservices:\n- name: existing\n  host: x.internal\n" }, headers).ResponseAsync);
            await Expect(writer, () => grpc.RollbackAsync(new RollbackRequest { Version = version }, headers).ResponseAsync);
            await Expect(admin, () => grpc.ListTokensAsync(new ListTokensRequest(), headers).ResponseAsync);
            await Expect(admin, () => grpc.CreateTokenAsync(new CreateTokenRequest { Name = "grpc-made-by-" + n }, headers).ResponseAsync);
            await Expect(admin, () => grpc.RevokeTokenAsync(new RevokeTokenRequest { Key = "made-by-" + n }, headers).ResponseAsync, StatusCode.NotFound);
        }

        // Every change is recorded under the name of the token that made it.
        var actors = (await hybrid.Admin.GetJson("/config/history?size=1000")).Object["data"]!.AsArray().Select(e => e!["actor"]!.GetValue<string>()).ToHashSet();
        Assert.Contains("token:as-operator", actors);
        Assert.Contains("token:as-admin", actors);
        Assert.DoesNotContain("token:as-read-only", actors);

        // Only hashes are stored.
        await using var database = new NpgsqlConnection(hybrid.ConnectionString);
        await database.OpenAsync();
        await using var query = new NpgsqlCommand("select string_agg(data::text, ' ') from hybridgateway.mt_doc_admintoken", database);
        var stored = (string)(await query.ExecuteScalarAsync())!;
        Assert.All(secrets.Values, secret => Assert.DoesNotContain(secret, stored, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARevokedOrExpiredToken_IsRefusedAtOnce_OnBothApis()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var channel = Channel(hybrid);
        var grpc = new Contracts.Admin.V1.AdminApi.AdminApiClient(channel);
        var created = await grpc.CreateTokenAsync(new CreateTokenRequest { Name = "temporary", Role = "operator" }, Bearer(ControlPlaneHost.Token));
        Assert.Equal("operator", created.Token.Role);
        Assert.Equal("bootstrap", created.Token.CreatedBy);
        using var rest = Rest(hybrid, created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await rest.GetJson("/services")).Status);

        await grpc.RevokeTokenAsync(new RevokeTokenRequest { Key = "temporary" }, Bearer(ControlPlaneHost.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, (await rest.GetJson("/services")).Status);
        var refused = await Assert.ThrowsAsync<RpcException>(() => grpc.ListEntitiesAsync(new ListEntitiesRequest { Kind = "services" }, Bearer(created.Secret)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var brief = await hybrid.Admin.PostJson("/admin-tokens", new { name = "brief", role = "read-only", expires_at = expiresAt.ToString("O", CultureInfo.InvariantCulture) });
        using var briefRest = Rest(hybrid, brief.Object["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await briefRest.GetJson("/services")).Status);
        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        Assert.Equal(HttpStatusCode.Unauthorized, (await briefRest.GetJson("/services")).Status);
        refused = await Assert.ThrowsAsync<RpcException>(() => grpc.ListEntitiesAsync(new ListEntitiesRequest { Kind = "services" }, Bearer(brief.Object["token"]!.GetValue<string>())).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        // Bad token requests name every bad field.
        var bad = await hybrid.Admin.PostJson("/admin-tokens", new { name = "has space", role = "god", expires_at = "yesterday", tags = "x", extra = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        foreach (var field in new[] { "name", "role", "expires_at", "tags", "extra" })
        {
            Assert.NotNull(bad.Object["fields"]![field]);
        }
        Assert.Equal(HttpStatusCode.Conflict, (await hybrid.Admin.PostJson("/admin-tokens", new { name = "brief" })).Status);
    }

    [Fact]
    public async Task ATokenRevokedThroughOneReplica_IsRefusedByTheOther_AndTheOthersWatchSeesItsWrites()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var replica = await hybrid.StartReplicaAsync("cp-b");
        var created = await hybrid.Admin.PostJson("/admin-tokens", new { name = "roaming", role = "operator" });
        var secret = created.Object["token"]!.GetValue<string>();
        using var onB = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + replica.AdminPort) };
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        // A write through B with the token made on A, seen by a watch on A.
        using var channel = Channel(hybrid);
        using var watch = new Contracts.Admin.V1.AdminApi.AdminApiClient(channel).Watch(new WatchRequest { ConfigOnly = true }, Bearer(ControlPlaneHost.Token));
        await watch.ResponseHeadersAsync;
        var written = await onB.PostJson("/consumers", new { username = "via-b" });
        Assert.Equal(HttpStatusCode.Created, written.Status);
        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(written.ConfigVersion!.Value, watch.ResponseStream.Current.Config.Version);
        Assert.Equal("token:roaming", watch.ResponseStream.Current.Config.Actor);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.NoContent, (await hybrid.Admin.Delete("/admin-tokens/roaming")).Status);
        await Eventually.True(async () => (await onB.GetJson("/services")).Status == HttpStatusCode.Unauthorized, "replica B to refuse the revoked token");
        Console.WriteLine($"replica B refused the token revoked through A after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task ATagRestrictedToken_WritesOnlyEntitiesCarryingItsTags()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        await hybrid.Admin.PostJson("/services", new { name = "theirs", host = "x.internal", tags = new[] { "team-b" } });
        var token = await hybrid.Admin.PostJson("/admin-tokens", new { name = "team-a", role = "operator", tags = new[] { "team-a" } });
        using var rest = Rest(hybrid, token.Object["token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Created, (await rest.PostJson("/services", new { name = "ours", host = "x.internal", tags = new[] { "team-a" } })).Status);
        Assert.Equal(HttpStatusCode.OK, (await rest.PatchJson("/services/ours", new { retries = 1 })).Status);
        var untagged = await rest.PostJson("/services", new { name = "untagged", host = "x.internal" });
        Assert.Equal(HttpStatusCode.Forbidden, untagged.Status);
        Assert.Contains("team-a", untagged.Object["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await rest.PatchJson("/services/theirs", new { retries = 1 })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rest.PatchJson("/services/theirs", new { tags = new[] { "team-a" } })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rest.PatchJson("/services/ours", new { tags = new[] { "team-b" } })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rest.Delete("/services/theirs")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await DeclarativeAsync(rest, "/config")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await rest.Delete("/services/ours")).Status);
        Assert.Equal(HttpStatusCode.OK, (await hybrid.Admin.GetJson("/services/theirs")).Status);
    }

    private static HttpStatusCode Ok(HttpStatusCode status) => status is HttpStatusCode.Created or HttpStatusCode.OK ? HttpStatusCode.OK : status;

    private static async Task Expect(bool allowed, Func<Task> call, StatusCode? allowedFailure = null)
    {
        if (allowed)
        {
            try
            {
                await call();
            }
            catch (RpcException e) when (e.StatusCode == allowedFailure)
            {
            }
            return;
        }
        var refused = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    private static Google.Protobuf.WellKnownTypes.Struct Named(Google.Protobuf.WellKnownTypes.Struct entity, string name)
    {
        var copy = entity.Clone();
        copy.Fields["name"] = Google.Protobuf.WellKnownTypes.Value.ForString(name);
        return copy;
    }

    private static Task<HttpResponseMessage> DeclarativeAsync(HttpClient rest, string path) =>
        rest.PostAsync(path, new StringContent("_format_version: \"3.0\"\nservices:\n- name: existing\n  host: x.internal\n", System.Text.Encoding.UTF8, "application/yaml"));

    private static HttpClient Rest(HybridFixture hybrid, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + hybrid.ControlPlane.AdminPort) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static GrpcChannel Channel(HybridFixture hybrid) => GrpcChannel.ForAddress("http://127.0.0.1:" + hybrid.ControlPlane.AdminGrpcPort);

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };
}
