using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace HybridGateway.FunctionalTests.Support;

/// <summary>Short Admin API calls for tests: JSON in, status and JSON out.</summary>
public static class AdminClientExtensions
{
    public sealed record Reply(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)
    {
        public JsonObject Object => Body?.AsObject() ?? throw new InvalidOperationException("no JSON body (status " + Status + ")");

        public long? ConfigVersion =>
            Response.Headers.TryGetValues("X-Config-Version", out var values) ? long.Parse(values.First(), System.Globalization.CultureInfo.InvariantCulture) : null;

        public override string ToString() => (int)Status + " " + Body?.ToJsonString();
    }

    public static Task<Reply> GetJson(this HttpClient client, string path) => Send(client, HttpMethod.Get, path, null);

    public static Task<Reply> PostJson(this HttpClient client, string path, object? body) => Send(client, HttpMethod.Post, path, body);

    public static Task<Reply> PutJson(this HttpClient client, string path, object? body) => Send(client, HttpMethod.Put, path, body);

    public static Task<Reply> PatchJson(this HttpClient client, string path, object? body) => Send(client, HttpMethod.Patch, path, body);

    public static Task<Reply> Delete(this HttpClient client, string path) => Send(client, HttpMethod.Delete, path, null);

    public static async Task<Reply> Send(this HttpClient client, HttpMethod method, string path, object? body, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Content = body switch
        {
            null => null,
            string json => new StringContent(json, Encoding.UTF8, "application/json"),
            HttpContent content => content,
            _ => JsonContent.Create(body),
        };
        configure?.Invoke(request);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? node = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
        {
            node = JsonNode.Parse(text);
        }
        else if (text.Length > 0)
        {
            node = JsonValue.Create(text);
        }
        return new Reply(response.StatusCode, node, response);
    }

    public static async Task<long> ConfigVersionAsync(this HttpClient client)
    {
        var reply = await client.GetJson("/status");
        return reply.Object["config"]!["version"]!.GetValue<long>();
    }
}
