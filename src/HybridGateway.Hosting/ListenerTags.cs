using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace HybridGateway.Hosting;

/// <summary>
/// One process, several listeners: each connection is tagged with its listener's name, so a request
/// is only ever handled by what that listener serves (never the Admin API on the cluster port).
/// </summary>
public static class ListenerTags
{
    private const string ItemKey = "hgw.listener";

    public static void Tag(ListenOptions listen, string name) =>
        listen.Use(next => connection =>
        {
            connection.Items[ItemKey] = name;
            return next(connection);
        });

    public static string? Of(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var name) == true ? name as string : null;
}
