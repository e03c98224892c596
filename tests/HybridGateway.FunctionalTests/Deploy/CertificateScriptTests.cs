using System.Net;
using System.Security.Cryptography.X509Certificates;
using HybridGateway.ControlPlane.Sync;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Deploy;

/// <summary>deploy/pki/make-certs.sh: its certificates work for real over the cluster port's mTLS, and it refuses what cannot work.</summary>
[Collection(ProcessCollection.Name)]
public sealed class CertificateScriptTests
{
    [Fact]
    public async Task ScriptCertificates_LetANodeSyncOverMutualTls_AndANodeClaimingAnotherIdIsRefused()
    {
        using var pki = new CertificateScript();
        await pki.RunOkAsync("ca");
        await pki.RunOkAsync("server", "localhost", "127.0.0.1");
        await pki.RunOkAsync("node", "edge-a", "edge-b");
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using var controlPlane = await ControlPlaneProcess.StartAsync(connectionString, "cp-make-certs", new Dictionary<string, string>
            {
                ["HGW_ControlPlane__AllowInsecureCluster"] = "false",
                ["HGW_ControlPlane__ClusterTls__CertificatePath"] = pki.ServerCertificate,
                ["HGW_ControlPlane__ClusterTls__KeyPath"] = pki.ServerKey,
                ["HGW_ControlPlane__ClusterTls__ClientCaPath"] = pki.CaPath,
            });
            var version = (await controlPlane.Admin.PostJson("/services", new { name = "certs", url = "http://127.0.0.1:9" })).ConfigVersion!.Value;
            var url = "https://localhost:" + controlPlane.ClusterPort;

            await using (var node = await DataPlaneProcess.StartAsync(url, "edge-a", NodeTls(pki, "edge-a")))
            {
                await node.WaitForVersionAsync(version);
                Assert.Equal("control_plane", (await node.StatusAsync())["config"]!["source"]!.GetValue<string>());
                Assert.Equal("in_sync", await Eventually.Get(
                    async () => (await controlPlane.Admin.GetJson("/clustering/data-planes")).Object["data"]!.AsArray()
                        .SingleOrDefault(n => n!["id"]!.GetValue<string>() == "edge-a")?["sync_status"]?.GetValue<string>(),
                    status => status == "in_sync", "edge-a to be listed in sync"));
            }

            // edge-b's name, edge-a's certificate: refused, and never served.
            await using var impostor = await DataPlaneProcess.StartAsync(url, "edge-b", NodeTls(pki, "edge-a"));
            await Eventually.True(() => Task.FromResult(controlPlane.Process!.Output.Contains("identity_mismatch", StringComparison.Ordinal)),
                "the control plane to refuse the impostor", diagnostics: () => controlPlane.Process!.Output);
            Assert.Contains("node_id 'edge-b' is not the identity of the client certificate (edge-a)", controlPlane.Process!.Output, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await impostor.Status.GetAsync("/status/ready")).StatusCode);
            Assert.Equal(0, await impostor.ServedVersionAsync());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task NodeCertificate_NamesItsNodeId_ForClientAuthentication_AndChainsToTheScriptsCa()
    {
        using var pki = new CertificateScript();
        await pki.RunOkAsync("ca");
        var longId = "region.eu-west:" + new string('n', 100); // over the 64 characters a common name may hold
        await pki.RunOkAsync("node", "dp-eu-west-0", longId);
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(pki.CaPath);
        foreach (var id in new[] { "dp-eu-west-0", longId })
        {
            using var certificate = X509Certificate2.CreateFromPemFile(pki.NodeCertificate(id), pki.NodeKey(id));
            Assert.True(certificate.HasPrivateKey);
            Assert.Contains(id, NodeIdentity.NamesOf(certificate));
            Assert.True(NodeIdentity.ChainsTo(certificate, authorities), id + " does not chain to the CA for client authentication");
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pki.NodeKey("dp-eu-west-0")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(pki.Directory, "ca.key")));

        await pki.RunOkAsync("server", "hgw-control-plane.hybridgateway.svc", "10.0.0.5");
        using var server = X509Certificate2.CreateFromPemFile(pki.ServerCertificate, pki.ServerKey);
        Assert.True(server.MatchesHostname("hgw-control-plane.hybridgateway.svc"));
        Assert.True(server.MatchesHostname("10.0.0.5"));
        Assert.False(server.MatchesHostname("other.hybridgateway.svc"));
        var usage = server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], usage.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value)); // server authentication only
    }

    [Theory]
    [InlineData("node|edge-1", "no CA in")]
    [InlineData("ca;node|bad id", "node id 'bad id' is not 1 to 128 of A-Z a-z 0-9 . _ : -")]
    [InlineData("ca;node", "'node' needs at least one node id")]
    [InlineData("ca;node|edge-1|edge-1", "node id 'edge-1' is given twice")]
    [InlineData("ca;node|edge-1;node|edge-2|edge-1", "edge-1.crt already exists")]
    [InlineData("ca;ca", "ca.crt already exists")]
    [InlineData("ca;server", "'server' needs at least one name")]
    [InlineData("ca;server|under_score.example", "server name 'under_score.example' is neither a DNS name")]
    [InlineData("ca;server|300.1.1.1", "server name '300.1.1.1' is neither a DNS name")]
    [InlineData("--days|0|ca", "--days needs a whole number of days")]
    [InlineData("sign|x", "unknown command 'sign'")]
    [InlineData("--colour|ca", "unknown option '--colour'")]
    public async Task BadArguments_AreRefused_WithAClearMessage_AndTheLastStepChangesNothing(string steps, string message)
    {
        using var pki = new CertificateScript();
        var commands = steps.Split(';');
        foreach (var command in commands[..^1])
        {
            await pki.RunOkAsync(command.Split('|'));
        }
        var before = Files(pki.Directory);
        var result = await pki.RunAsync(commands[^1].Split('|', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, Files(pki.Directory));
    }

    private static Dictionary<string, string> NodeTls(CertificateScript pki, string certificateOf) => new()
    {
        ["HGW_DataPlane__Tls__CertificatePath"] = pki.NodeCertificate(certificateOf),
        ["HGW_DataPlane__Tls__KeyPath"] = pki.NodeKey(certificateOf),
        ["HGW_DataPlane__Tls__CaPath"] = pki.CaPath,
    };

    private static string[] Files(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(f => f + ":" + File.ReadAllText(f).GetHashCode(StringComparison.Ordinal)).Order().ToArray();
}
