using System.Net;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Proxy;
using HybridGateway.Plugins.IpRestriction;

namespace HybridGateway.DataPlane.Pipeline.IpRestriction;

/// <summary>
/// ip-restriction's access phase, as Kong's: a client address in the deny list, or outside a
/// non-empty allow list, gets <c>status</c> (403) with <c>message</c> ("Your IP address is not
/// allowed"). The lists are parsed once, when the config is applied.
/// </summary>
public sealed class IpRestrictionHandler : PluginHandler
{
    private readonly IPNetwork[] _allow;
    private readonly IPNetwork[] _deny;
    private readonly int _status;
    private readonly byte[] _body;

    public IpRestrictionHandler(Plugin plugin, IpRestrictionConfig config)
        : base(plugin)
    {
        ArgumentNullException.ThrowIfNull(config);
        _allow = Networks(config.Allow);
        _deny = Networks(config.Deny);
        _status = config.Status ?? StatusCodes.Status403Forbidden;
        _body = ProxyResponses.ForbidsBody(_status) ? [] : ProxyResponses.Body(config.Message ?? "Your IP address is not allowed");
    }

    public override async ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = request.ClientAddress;
        var blocked = client is null
            || (_deny.Length > 0 && Contains(_deny, client))
            || (_allow.Length > 0 && !Contains(_allow, client));
        if (!blocked)
        {
            return true;
        }
        await ProxyResponses.WriteAsync(request.Http, _status, _body);
        return false;
    }

    private static bool Contains(IPNetwork[] networks, IPAddress address)
    {
        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The entries as networks. Client addresses are compared as IPv4 when they are IPv4-mapped, so
    /// mapped entries (<c>::ffff:10.0.0.0/104</c>) are turned into IPv4 ones too.
    /// </summary>
    private static IPNetwork[] Networks(IReadOnlyList<string>? entries) =>
        (entries ?? []).Select(entry =>
        {
            var network = entry.Contains('/', StringComparison.Ordinal)
                ? IPNetwork.Parse(entry)
                : new IPNetwork(IPAddress.Parse(entry), IPAddress.Parse(entry).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return network.BaseAddress.IsIPv4MappedToIPv6 && network.PrefixLength >= 96
                ? new IPNetwork(network.BaseAddress.MapToIPv4(), network.PrefixLength - 96)
                : network;
        })
        .ToArray();
}
