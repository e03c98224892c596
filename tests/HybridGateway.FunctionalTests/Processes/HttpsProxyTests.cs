using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Processes;

/// <summary>
/// The HTTPS proxy listener (Kong's 8443): certificates and SNIs written through the Admin API are
/// served by SNI, a name without a certificate gets the node's own "localhost" one, a rotated
/// certificate is served on the next connection, and https-only routes work over it.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class HttpsProxyTests
{
    [Fact]
    public async Task HttpsListener_ServesTheCertificateOfTheSni_AndHttpsOnlyRoutes()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("node-tls");
        var admin = hybrid.Admin;
        var (cert, key) = TestCertificates.SelfSigned("shop.test");
        var certificate = await admin.PostJson("/certificates", new { cert, key });
        Assert.Equal(HttpStatusCode.Created, certificate.Status);
        var certificateId = certificate.Object["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/certificates/" + certificateId + "/snis", new { name = "shop.test" })).Status);
        var routed = await hybrid.AddEchoRouteAsync("secure", "/secure",
            new { name = "secure", paths = new[] { "/secure" }, hosts = new[] { "shop.test" }, protocols = new[] { "https" } });
        await node.WaitForVersionAsync(routed);

        var (status, served, body) = await GetOverTls(node, "shop.test", "/secure/x");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("CN=shop.test", served);
        Assert.Equal("https", body!["headers"]!["x-forwarded-proto"]!.GetValue<string>());
        Assert.Equal("/x", body["path"]!.GetValue<string>());

        var (otherStatus, fallback, _) = await GetOverTls(node, "other.test", "/secure/x");
        Assert.Equal("CN=localhost", fallback);
        Assert.Equal(HttpStatusCode.NotFound, otherStatus); // the route wants host shop.test

        using var overHttp = new HttpRequestMessage(HttpMethod.Get, "/secure/x");
        overHttp.Headers.Host = "shop.test";
        using var plain = await node.Proxy.SendAsync(overHttp);
        Assert.Equal(HttpStatusCode.UpgradeRequired, plain.StatusCode);

        // Rotation: the next connection gets the new certificate, with no restart.
        var (newCert, newKey) = TestCertificates.SelfSigned("shop.test");
        var rotated = await admin.PatchJson("/certificates/" + certificateId, new { cert = newCert, key = newKey });
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        await node.WaitForVersionAsync(rotated.ConfigVersion!.Value);
        var (_, _, _, thumbprint) = await GetOverTlsWithThumbprint(node, "shop.test", "/secure/x");
        using var expected = X509Certificate2.CreateFromPem(newCert);
        Assert.Equal(expected.Thumbprint, thumbprint);
    }

    private static async Task<(HttpStatusCode Status, string? Subject, JsonNode? Body)> GetOverTls(DataPlaneProcess node, string serverName, string path)
    {
        var (status, subject, body, _) = await GetOverTlsWithThumbprint(node, serverName, path);
        return (status, subject, body);
    }

    /// <summary>A request on a fresh connection, with <paramref name="serverName"/> as SNI and Host; returns what the server presented.</summary>
    private static async Task<(HttpStatusCode Status, string? Subject, JsonNode? Body, string? Thumbprint)> GetOverTlsWithThumbprint(
        DataPlaneProcess node, string serverName, string path)
    {
        X509Certificate2? presented = null;
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions =
            {
                TargetHost = serverName,
                // The test inspects the certificate instead of trusting it.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    return true;
                },
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri("https://127.0.0.1:" + node.ProxySslPort), Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = serverName;
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.StartsWith('{') ? JsonNode.Parse(text) : null;
        using (presented)
        {
            return (response.StatusCode, presented?.Subject, body, presented?.Thumbprint);
        }
    }
}
