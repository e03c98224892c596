using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace HybridGateway.ControlPlane.Hosting;

/// <summary>
/// The control plane serves two listeners from one process: the Admin API and the cluster port.
/// Each connection is tagged with its listener so that requests never cross from one to the other.
/// </summary>
public static class Listeners
{
    public const string Admin = "admin";
    public const string Cluster = "cluster";
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
