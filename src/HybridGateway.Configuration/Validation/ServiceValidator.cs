using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>Service rules: a valid host, a clean path, TLS options only where TLS is spoken.</summary>
public sealed class ServiceValidator : EntityValidator<Service>
{
    protected override void Validate(Service service, FieldErrors errors)
    {
        if (!Hostnames.IsValidHostOrIp(service.Host))
        {
            errors.Add("host", "invalid hostname: " + service.Host);
        }
        if (service.Path is { } path && (path.Any(char.IsWhiteSpace) || path.Contains("//", StringComparison.Ordinal)))
        {
            errors.Add("path", "invalid path: '" + path + "'");
        }
        if (service.Protocol is Protocols.Grpc or Protocols.Grpcs && service.Path is not null)
        {
            errors.Add("path", "value must be null");
        }
        var tls = service.Protocol is Protocols.Https or Protocols.Grpcs or Protocols.Wss;
        if (!tls && service.ClientCertificate is not null)
        {
            errors.Add("client_certificate", "value must be null");
        }
        if (!tls && service.TlsVerify is not null)
        {
            errors.Add("tls_verify", "value must be null");
        }
        if (!tls && service.TlsVerifyDepth is not null)
        {
            errors.Add("tls_verify_depth", "value must be null");
        }
        if (!tls && service.CaCertificates is not null)
        {
            errors.Add("ca_certificates", "value must be null");
        }
        if (service.Name is { } name && Names.KongName(name) is { } nameError)
        {
            errors.Add("name", nameError);
        }
    }
}
