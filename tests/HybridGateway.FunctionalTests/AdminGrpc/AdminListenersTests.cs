using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using HybridGateway.Contracts.Admin.V1;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.AdminGrpc;

/// <summary>The admin TLS listener (REST and gRPC), the loopback h2c port, health and reflection, and which port serves which API.</summary>
[Collection(ProcessCollection.Name)]
public sealed class AdminListenersTests
{
    [Fact]
    public async Task TheAdminTlsListener_ServesRestAndGrpc_WithTheConfiguredCertificate_AndNeverTheSyncService()
    {
        using var pki = new TestPki();
        var (cert, key) = pki.Issue("localhost", server: true);
        var tlsPort = FreePort.Next();
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using var controlPlane = await ControlPlaneProcess.StartAsync(connectionString, "cp-admin-tls", new Dictionary<string, string>
            {
                ["HGW_ControlPlane__AdminTlsListen"] = "127.0.0.1:" + tlsPort,
                ["HGW_ControlPlane__AdminTls__CertificatePath"] = cert,
                ["HGW_ControlPlane__AdminTls__KeyPath"] = key,
            });
            var authority = X509Certificate2.CreateFromPem(File.ReadAllText(pki.CaPath));
            X509Certificate2? presented = null;
            SocketsHttpHandler Trusting() => new()
            {
                SslOptions =
                {
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    {
                        presented = X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData());
                        using var chain = new X509Chain { ChainPolicy = { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck } };
                        chain.ChainPolicy.CustomTrustStore.Add(authority);
                        return chain.Build(presented);
                    },
                },
            };
            using var rest = new HttpClient(Trusting()) { BaseAddress = new Uri("https://127.0.0.1:" + tlsPort) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await rest.GetAsync("/services")).StatusCode);
            rest.DefaultRequestHeaders.Add("Kong-Admin-Token", ControlPlaneHost.Token);
            Assert.Equal(HttpStatusCode.Created, (await rest.PostJson("/services", new { name = "over-tls", host = "x.internal" })).Status);
            Assert.Equal(X509Certificate2.CreateFromPem(File.ReadAllText(cert)).Thumbprint, presented!.Thumbprint);

            using var channel = GrpcChannel.ForAddress("https://127.0.0.1:" + tlsPort, new GrpcChannelOptions { HttpHandler = Trusting() });
            var admin = new Contracts.Admin.V1.AdminApi.AdminApiClient(channel);
            var listed = await admin.ListEntitiesAsync(new ListEntitiesRequest { Kind = "services" }, new Metadata { { "authorization", "Bearer " + ControlPlaneHost.Token } });
            Assert.Equal("over-tls", listed.Data.Single().Fields["name"].StringValue);

            // The sync and lease services are the cluster port's alone: never reachable without its client certificate.
            var sync = new Contracts.Sync.V1.ConfigSync.ConfigSyncClient(channel);
            using var stream = sync.Stream();
            var refused = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext());
            Assert.Equal(StatusCode.Unimplemented, refused.StatusCode);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task TheLoopbackPort_ServesHealthAndReflection_AndOnlyTheAdminServices()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using var controlPlane = await ControlPlaneProcess.StartAsync(connectionString, "cp-admin-grpc");
            using var channel = GrpcChannel.ForAddress("http://127.0.0.1:" + controlPlane.AdminGrpcPort);

            // A load balancer's health check needs no token.
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

            using var reflection = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
            await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            Assert.True(await reflection.ResponseStream.MoveNext());
            var services = reflection.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToArray();
            Assert.Contains("hybridgateway.admin.v1.AdminApi", services);
            Assert.Contains("grpc.health.v1.Health", services);
            // The cluster's services are listed (one server, one descriptor set) but not served here:
            await reflection.RequestStream.CompleteAsync();

            var sync = new Contracts.Sync.V1.ConfigSync.ConfigSyncClient(channel);
            using var stream = sync.Stream();
            Assert.Equal(StatusCode.Unimplemented, (await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext())).StatusCode);

            using var h2c = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            h2c.DefaultRequestHeaders.Add("Kong-Admin-Token", ControlPlaneHost.Token);
            Assert.Equal(HttpStatusCode.NotFound, (await h2c.GetAsync("http://127.0.0.1:" + controlPlane.AdminGrpcPort + "/services")).StatusCode);

            // And the cluster port does not serve the Admin API.
            using var cluster = GrpcChannel.ForAddress(controlPlane.ClusterUrl);
            var onCluster = await Assert.ThrowsAsync<RpcException>(() => new Contracts.Admin.V1.AdminApi.AdminApiClient(cluster)
                .ListEntitiesAsync(new ListEntitiesRequest { Kind = "services" }, new Metadata { { "authorization", "Bearer " + ControlPlaneHost.Token } }).ResponseAsync);
            Assert.Equal(StatusCode.Unimplemented, onCluster.StatusCode);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }
}
