using System.Text.Json.Nodes;

namespace HybridGateway.ControlPlane.AdminGrpc;

/// <summary>What a REST handler answered: status, the config version header, and the body (JSON when it is JSON).</summary>
public sealed record RestReply(int Status, long? ConfigVersion, string Text, IHeaderDictionary Headers)
{
    public bool Success => Status is >= 200 and < 300;

    public JsonNode? Json => Text.Length == 0 ? null : JsonNode.Parse(Text);
}
