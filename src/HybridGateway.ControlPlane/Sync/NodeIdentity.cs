using System.Security.Cryptography.X509Certificates;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>
/// Ties a node id to the client certificate it connected with: the id must be the certificate's
/// common name or one of its DNS names, and the certificate must chain to the configured CA.
/// </summary>
public static partial class NodeIdentity
{
    private const string CommonNameOid = "2.5.4.3";

    /// <summary>1 to 128 of A-Z a-z 0-9 . _ : -</summary>
    public static bool IsWellFormed(string nodeId) => NodeIdPattern().IsMatch(nodeId);

    /// <summary>
    /// Why a connection may not speak as <paramref name="nodeId"/>, or null when it may: the id must
    /// be well formed and, with mTLS, one of the client certificate's names.
    /// </summary>
    public static string? Refusal(string nodeId, HttpContext http, bool mutualTls)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!IsWellFormed(nodeId))
        {
            return "node_id must be 1 to 128 of A-Z a-z 0-9 . _ : -";
        }
        if (!mutualTls)
        {
            return null;
        }
        var names = http.Connection.ClientCertificate is { } certificate ? NamesOf(certificate) : [];
        return names.Contains(nodeId, StringComparer.Ordinal)
            ? null
            : "node_id '" + nodeId + "' is not the identity of the client certificate (" + string.Join(", ", names) + ")";
    }

    /// <summary>The subject's common names (CN only: never OU, O or e-mail) and its DNS names.</summary>
    public static IReadOnlyList<string> NamesOf(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == CommonNameOid && rdn.GetSingleElementValue() is { Length: > 0 } commonName)
            {
                names.Add(commonName);
            }
        }
        foreach (var extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.AddRange(extension.EnumerateDnsNames());
        }
        return names.Distinct(StringComparer.Ordinal).ToArray();
    }

    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")); // client authentication
        return chain.Build(certificate);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial System.Text.RegularExpressions.Regex NodeIdPattern();
}
