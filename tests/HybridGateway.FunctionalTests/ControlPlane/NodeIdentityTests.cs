using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HybridGateway.ControlPlane.Sync;

namespace HybridGateway.FunctionalTests.ControlPlane;

/// <summary>What a node certificate vouches for: its common name and DNS names, nothing else.</summary>
public sealed class NodeIdentityTests
{
    [Fact]
    public void NamesOf_CertificateWithoutCommonName_DoesNotFallBackToOrganization()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("O=acme, OU=edge", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("edge-7.nodes.example");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal(["edge-7.nodes.example"], NodeIdentity.NamesOf(certificate));
    }

    [Fact]
    public void NamesOf_CertificateWithCommonName_GivesItFirst()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=edge-1, O=acme", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal(["edge-1"], NodeIdentity.NamesOf(certificate));
    }
}
