using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>An SNI is a hostname, possibly with one wildcard label, and never an IP.</summary>
public sealed class SniValidator : EntityValidator<Sni>
{
    protected override void Validate(Sni sni, FieldErrors errors)
    {
        if (Hostnames.IsIpAddress(sni.Name) || sni.Name.Contains(':', StringComparison.Ordinal))
        {
            errors.Add("name", "must not be an IP or contain a port");
        }
        else if (Hostnames.CheckWildcardHost(sni.Name) is { } message)
        {
            errors.Add("name", message);
        }
    }
}
