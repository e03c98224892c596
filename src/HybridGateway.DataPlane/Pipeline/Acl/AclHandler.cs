using System.Collections.Frozen;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.State;
using HybridGateway.DataPlane.Proxy;
using HybridGateway.Plugins.Acl;
using AclEntity = HybridGateway.Configuration.Entities.Acl;

namespace HybridGateway.DataPlane.Pipeline.Acl;

/// <summary>
/// acl's access phase, as Kong's: it needs a consumer identified by an auth plugin that ran
/// before it (401 without one); the consumer's groups must meet the allow list (or avoid the deny
/// list), else 403. An allowed consumer's groups go upstream in X-Consumer-Groups unless
/// hide_groups_header is set; a client's own X-Consumer-Groups never does.
/// </summary>
public sealed class AclHandler : PluginHandler
{
    public const string GroupsHeader = "X-Consumer-Groups";

    public static readonly byte[] Forbidden = ProxyResponses.Body("You cannot consume this service");
    public static readonly byte[] Unauthorized = ProxyResponses.Body("Unauthorized");

    private readonly FrozenSet<string> _groups;
    private readonly bool _deny;
    private readonly bool _hideGroupsHeader;

    public AclHandler(Plugin plugin, AclConfig config)
        : base(plugin)
    {
        ArgumentNullException.ThrowIfNull(config);
        _deny = config.Deny is { Count: > 0 };
        _groups = (_deny ? config.Deny! : config.Allow ?? []).ToFrozenSet(StringComparer.Ordinal);
        _hideGroupsHeader = config.HideGroupsHeader;
    }

    public override async ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Http.Request.Headers;
        headers.Remove(GroupsHeader);
        if (request.Consumer is not { } consumer)
        {
            await ProxyResponses.WriteAsync(request.Http, StatusCodes.Status401Unauthorized, Unauthorized);
            return false;
        }
        var groups = GroupsOf(request.Config.State, consumer);
        var inListed = false;
        foreach (var group in groups)
        {
            inListed |= _groups.Contains(group);
        }
        if (inListed == _deny)
        {
            await ProxyResponses.WriteAsync(request.Http, StatusCodes.Status403Forbidden, Forbidden);
            return false;
        }
        if (!_hideGroupsHeader && groups.Count > 0)
        {
            headers[GroupsHeader] = string.Join(", ", groups);
        }
        return true;
    }

    /// <summary>The consumer's groups, in name order.</summary>
    private static List<string> GroupsOf(ConfigState state, Consumer consumer)
    {
        var groups = new List<string>();
        foreach (var referrer in state.ReferrersOf(EntityKinds.Consumers, consumer.Id))
        {
            if (referrer.Kind == EntityKinds.Acls && state.Find<AclEntity>(referrer.Id) is { } acl)
            {
                groups.Add(acl.Group);
            }
        }
        groups.Sort(StringComparer.Ordinal);
        return groups;
    }
}
