using System.Security.Cryptography;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.Validation;

namespace HybridGateway.Configuration.Input;

/// <summary>
/// Rewrites of user input before it is checked: Kong's shorthands (a service's url), defaults
/// that need computing (a target's port, a CA digest, generated keys) and the hashing of secrets,
/// so that no plaintext secret goes further than this class.
/// </summary>
internal static class InputTransforms
{
    public static void Apply(EntityKind kind, JsonObject body, FieldErrors errors, Dictionary<string, string> revealed)
    {
        if (kind == EntityKinds.Services)
        {
            ExpandServiceUrl(body, errors);
        }
        else if (kind == EntityKinds.Targets)
        {
            NormalizeTarget(body);
        }
        else if (kind == EntityKinds.KeyAuthCredentials)
        {
            HashKey(body, errors, revealed);
        }
        else if (kind == EntityKinds.BasicAuthCredentials)
        {
            HashPassword(body, errors);
        }
        else if (kind == EntityKinds.JwtSecrets)
        {
            GenerateJwtDefaults(body);
        }
        else if (kind == EntityKinds.CaCertificates)
        {
            ComputeDigest(body);
        }
    }

    public static string GenerateKey() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    private static void ExpandServiceUrl(JsonObject body, FieldErrors errors)
    {
        if (!body.Remove("url", out var urlNode) || urlNode is null)
        {
            return;
        }
        if (urlNode.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            errors.Add("url", "expected a string");
            return;
        }
        var text = urlNode.GetValue<string>();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || string.IsNullOrEmpty(url.Host))
        {
            errors.Add("url", "missing host in url");
            return;
        }
        body["protocol"] = url.Scheme;
        body["host"] = url.Host;
        body["port"] = url.Port > 0 ? url.Port : url.Scheme.EndsWith('s') ? 443 : 80;
        var path = url.AbsolutePath;
        body["path"] = path.Length > 0 && (path != "/" || text.EndsWith('/')) ? path : null;
    }

    private static void NormalizeTarget(JsonObject body)
    {
        if (body["target"] is not JsonValue value || !value.TryGetValue<string>(out var target))
        {
            return;
        }
        if (!target.StartsWith('[') && System.Net.IPAddress.TryParse(target, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            body["target"] = "[" + target + "]:" + Target.DefaultPort;
            return;
        }
        if (Hostnames.StripPort(target) is { } host && host == target)
        {
            body["target"] = target + ":" + Target.DefaultPort;
        }
    }

    private static void HashKey(JsonObject body, FieldErrors errors, Dictionary<string, string> revealed)
    {
        var hasHash = body.ContainsKey("key_hash");
        if (!body.Remove("key", out var keyNode) || keyNode is null)
        {
            if (!hasHash)
            {
                var generated = GenerateKey();
                revealed["key"] = generated;
                body["key_hash"] = KeyHash.Of(generated);
            }
            return;
        }
        if (hasHash)
        {
            errors.Add("key", "cannot be combined with key_hash");
            return;
        }
        if (keyNode.GetValueKind() != System.Text.Json.JsonValueKind.String || keyNode.GetValue<string>().Length == 0)
        {
            errors.Add("key", "expected a non-empty string");
            return;
        }
        var key = keyNode.GetValue<string>();
        revealed["key"] = key;
        body["key_hash"] = KeyHash.Of(key);
    }

    private static void HashPassword(JsonObject body, FieldErrors errors)
    {
        if (!body.Remove("password", out var passwordNode) || passwordNode is null)
        {
            return;
        }
        if (body.ContainsKey("password_hash"))
        {
            errors.Add("password", "cannot be combined with password_hash");
            return;
        }
        if (passwordNode.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            errors.Add("password", "expected a string");
            return;
        }
        body["password_hash"] = PasswordHash.Create(passwordNode.GetValue<string>());
    }

    private static void GenerateJwtDefaults(JsonObject body)
    {
        if (body["key"] is null)
        {
            body["key"] = GenerateKey();
        }
        var algorithm = body["algorithm"] is JsonValue a && a.TryGetValue<string>(out var alg) ? alg : "HS256";
        if (algorithm.StartsWith("HS", StringComparison.Ordinal) && body["secret"] is null)
        {
            body["secret"] = GenerateKey();
        }
    }

    private static void ComputeDigest(JsonObject body)
    {
        if (body["cert_digest"] is not null || body["cert"] is not JsonValue certNode || !certNode.TryGetValue<string>(out var pem))
        {
            return;
        }
        try
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
            body["cert_digest"] = CaCertificateValidator.DigestOf(certificate);
        }
        catch (CryptographicException)
        {
            // The validator reports the unparsable certificate.
        }
    }
}
