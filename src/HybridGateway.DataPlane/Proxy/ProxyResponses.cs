using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HybridGateway.DataPlane.Proxy;

/// <summary>Kong's proxy error responses: status and JSON message, written without allocating per request.</summary>
public static class ProxyResponses
{
    // Declared first: the bodies below are built with it when the type initializes.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly byte[] NoRoute = Body("no Route matched with those values");
    public static readonly byte[] NoService = Body("no Service found with those values");
    public static readonly byte[] NoPeer = Body("failure to get a peer from the ring-balancer");
    public static readonly byte[] BadGateway = Body("An invalid response was received from the upstream server");
    public static readonly byte[] GatewayTimeout = Body("The upstream server is timing out");
    public static readonly byte[] UseHttps = Body("Please use HTTPS protocol");
    public static readonly byte[] BadRequest = Body("Bad request");
    public static readonly byte[] NotReady = Body("no configuration loaded yet");

    public static Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        if (ForbidsBody(status))
        {
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }

    /// <summary>Statuses whose responses carry no body: 1xx, 204, 205 and 304.</summary>
    public static bool ForbidsBody(int status) => status is < 200 or 204 or 205 or 304;

    /// <summary>Kong's error body, <c>{"message":"..."}</c>, with the message JSON-escaped.</summary>
    public static byte[] Body(string message) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["message"] = message }.ToJsonString(Relaxed));
}
