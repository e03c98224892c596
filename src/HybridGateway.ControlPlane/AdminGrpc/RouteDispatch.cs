using Microsoft.AspNetCore.Routing.Template;

namespace HybridGateway.ControlPlane.AdminGrpc;

/// <summary>
/// Runs the REST endpoint a method and path name, as routing would: the most specific route
/// template that matches, its route values set, its own request delegate. Used for the REST
/// operations whose handlers are endpoint delegates (holds, rollouts, upstream health, status).
/// </summary>
public static class RouteDispatch
{
    public static async Task<IResult> RunAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var candidates = http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase))
            .OrderBy(e => e.RoutePattern.InboundPrecedence);
        foreach (var endpoint in candidates)
        {
            var values = new RouteValueDictionary();
            if (endpoint.RequestDelegate is { } run && endpoint.RoutePattern.RawText is { } text
                && new TemplateMatcher(TemplateParser.Parse(text), new RouteValueDictionary()).TryMatch(http.Request.Path, values))
            {
                http.Request.RouteValues = values;
                http.SetEndpoint(endpoint);
                await run(http);
                return Results.Empty;
            }
        }
        return AdminApi.KongErrors.NotFound();
    }
}
