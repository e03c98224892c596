using System.Net;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>The production mode: the cluster port speaks TLS, requires a CA-signed client certificate, and binds the node id to it.</summary>
[Collection(ProcessCollection.Name)]
public sealed class MutualTlsTests
{
    [Fact]
    public async Task NodeWithItsOwnCertificate_Syncs_AndOneClaimingAnotherIdIsRefused()
    {
        using var pki = new TestPki();
        var (serverCert, serverKey) = pki.Issue("localhost", server: true);
        var (nodeCert, nodeKey) = pki.Issue("edge-1", server: false);
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using var controlPlane = await ControlPlaneProcess.StartAsync(connectionString, "cp-tls", new Dictionary<string, string>
            {
                ["HGW_ControlPlane__AllowInsecureCluster"] = "false",
                ["HGW_ControlPlane__ClusterTls__CertificatePath"] = serverCert,
                ["HGW_ControlPlane__ClusterTls__KeyPath"] = serverKey,
                ["HGW_ControlPlane__ClusterTls__ClientCaPath"] = pki.CaPath,
            });
            await using var upstream = await EchoUpstream.StartAsync("echo");
            await controlPlane.Admin.PostJson("/services", new { name = "tls", url = upstream.Url });
            await controlPlane.Admin.PostJson("/services/tls/routes", new { name = "tls", paths = new[] { "/tls" } });
            // Cluster rate limiting: its lease stream shares the cluster port and the node's identity.
            var version = (await controlPlane.Admin.PostJson("/routes/tls/plugins", new { name = "rate-limiting", config = new { second = 1000, policy = "cluster" } })).ConfigVersion!.Value;
            var tls = new Dictionary<string, string>
            {
                ["HGW_DataPlane__Tls__CertificatePath"] = nodeCert,
                ["HGW_DataPlane__Tls__KeyPath"] = nodeKey,
                ["HGW_DataPlane__Tls__CaPath"] = pki.CaPath,
            };
            var url = "https://127.0.0.1:" + controlPlane.ClusterPort;

            await using (var node = await DataPlaneProcess.StartAsync(url, "edge-1", tls))
            {
                await node.WaitForVersionAsync(version);
                await Eventually.True(async () => (await node.StatusAsync())["rate_limiting"]!["counters_reachable"]!.GetValue<bool>(), "the lease stream over mTLS");
                using var limited = await node.Proxy.GetAsync("/tls");
                Assert.Equal(HttpStatusCode.OK, limited.StatusCode);
                Assert.Equal("999", limited.Headers.GetValues("X-RateLimit-Remaining-Second").Single());
                Assert.Equal("exact", (await node.StatusAsync())["rate_limiting"]!["instances"]!.AsObject().Single().Value!["mode"]!.GetValue<string>());
            }

            await using var impostor = await DataPlaneProcess.StartAsync(url, "edge-2", tls);
            await Eventually.True(() => Task.FromResult(controlPlane.Process!.Output.Contains("identity_mismatch", StringComparison.Ordinal)),
                "the control plane to refuse the impostor", diagnostics: () => controlPlane.Process!.Output);
            Assert.Contains("node_id 'edge-2' is not the identity of the client certificate (edge-1)", controlPlane.Process!.Output, StringComparison.Ordinal);
            await Eventually.True(() => Task.FromResult(impostor.Process!.Output.Contains("identity_mismatch", StringComparison.Ordinal)),
                "the impostor to log the refusal", diagnostics: () => impostor.Process!.Output);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await impostor.Status.GetAsync("/status/ready")).StatusCode);
            // Its lease stream is refused the same way: no counters under a name it cannot prove.
            await Eventually.True(() => Task.FromResult(controlPlane.Process!.Output.Contains("Refused a lease stream: node_id 'edge-2' is not the identity", StringComparison.Ordinal)),
                "the control plane to refuse the impostor's lease stream", diagnostics: () => controlPlane.Process!.Output);
            Assert.False((await impostor.StatusAsync())["rate_limiting"]!["counters_reachable"]!.GetValue<bool>());
            // The refusal is not recorded under either name: edge-1's status stays its own.
            var listed = (await controlPlane.Admin.GetJson("/clustering/data-planes")).Object["data"]!.AsArray();
            Assert.DoesNotContain(listed, n => n!["id"]!.GetValue<string>() == "edge-2");
            Assert.NotEqual("refused", listed.Single(n => n!["id"]!.GetValue<string>() == "edge-1")!["sync_status"]!.GetValue<string>());

            // Without a client certificate the TLS handshake itself fails.
            using var bare = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } })
            {
                DefaultRequestVersion = HttpVersion.Version20,
                DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => bare.GetAsync(url + "/hybridgateway.sync.v1.ConfigSync/Stream"));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }
}
