using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.DataPlane.Tls;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Tls;

public sealed class ServerCertificatesTests
{
    /// <summary>Kong's order: the exact name, then a leading wildcard, then a trailing one; else the node's default (null).</summary>
    [Theory]
    [InlineData("shop.test", "CN=exact")]
    [InlineData("SHOP.TEST", "CN=exact")]
    [InlineData("api.wild.test", "CN=leading")]
    [InlineData("wild.test", null)]
    [InlineData("a.b.wild.test", null)]
    [InlineData("mirror.example", "CN=trailing")]
    [InlineData("mirror.example.org", null)]
    [InlineData("unknown.test", null)]
    [InlineData(null, null)]
    [InlineData("", null)]
    public void Select_PicksTheCertificateAsKongDoes(string? serverName, string? expectedSubject)
    {
        var state = State([
            .. WithSnis("CN=exact", "shop.test"),
            .. WithSnis("CN=leading", "*.wild.test"),
            .. WithSnis("CN=trailing", "mirror.*")]);

        var selected = ServerCertificateCompiler.Build(state).Select(serverName);

        Assert.Equal(expectedSubject, selected?.TargetCertificate.Subject);
    }

    /// <summary>A PEM with the leaf and then its intermediate: the intermediate goes out in the handshake (the root never does).</summary>
    [Fact]
    public void Build_ALeafWithItsIntermediate_SendsTheIntermediate()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = CaRequest("CN=test-root", rootKey).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var intermediateCert = CaRequest("CN=test-intermediate", intermediateKey).Create(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(20), [5, 6, 7, 8]);
        using var intermediate = intermediateCert.CopyWithPrivateKey(intermediateKey);
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = new CertificateRequest("CN=chained", leafKey, HashAlgorithmName.SHA256)
            .Create(intermediate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3, 4]);
        var certificate = new Certificate
        {
            Id = Guid.NewGuid(),
            Cert = leaf.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem(),
            Key = leafKey.ExportPkcs8PrivateKeyPem(),
        };
        var sni = new Sni { Id = Guid.NewGuid(), Name = "chained.test", Certificate = EntityRef.To(certificate.Id) };

        var context = ServerCertificateCompiler.Build(State(certificate, sni)).Select("chained.test")!;

        Assert.Equal("CN=chained", context.TargetCertificate.Subject);
        Assert.Contains(context.IntermediateCertificates, c => c.Subject == "CN=test-intermediate");
    }

    private static CertificateRequest CaRequest(string subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request;
    }

    [Fact]
    public void Build_NoSnis_IsEmpty()
    {
        var (certificate, _) = SelfSigned("CN=unused");

        Assert.Equal(0, ServerCertificateCompiler.Build(State(certificate)).Count);
    }

    private static ConfigEntity[] WithSnis(string subject, params string[] names)
    {
        var (certificate, _) = SelfSigned(subject);
        return [certificate, .. names.Select(n => new Sni { Id = Guid.NewGuid(), Name = n, Certificate = EntityRef.To(certificate.Id) })];
    }

    private static (Certificate Certificate, string KeyPem) SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var keyPem = key.ExportPkcs8PrivateKeyPem();
        return (new Certificate { Id = Guid.NewGuid(), Cert = created.ExportCertificatePem(), Key = keyPem }, keyPem);
    }
}
