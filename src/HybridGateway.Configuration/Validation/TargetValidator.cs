using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>A target is "host:port" with a valid host or IP (IPv6 in brackets).</summary>
public sealed class TargetValidator : EntityValidator<Target>
{
    protected override void Validate(Target target, FieldErrors errors)
    {
        var host = Hostnames.StripPort(target.Address);
        if (host is null || !Hostnames.IsValidHostOrIp(host))
        {
            errors.Add("target", "Invalid target ('" + target.Address + "'); not a valid hostname or ip address");
        }
    }
}
