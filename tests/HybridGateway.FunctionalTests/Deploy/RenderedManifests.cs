using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace HybridGateway.FunctionalTests.Deploy;

/// <summary>
/// What `kubectl kustomize deploy/kubernetes` renders, as JSON nodes (every scalar a string, as
/// YAML leaves it), looked up by kind and name.
/// </summary>
public sealed class RenderedManifests
{
    private RenderedManifests(IReadOnlyList<JsonObject> objects) => Objects = objects;

    public IReadOnlyList<JsonObject> Objects { get; }

    public static async Task<RenderedManifests> RenderAsync()
    {
        var kubectl = Tool.Find("kubectl")
            ?? throw new InvalidOperationException("kubectl is not installed: the Kubernetes manifests cannot be checked. "
                + "./gateway.sh test installs it (Debian package kubernetes-client); or: apt-get install kubernetes-client");
        var result = await Tool.RunAsync(kubectl, ["kustomize", Path.Combine(Support.RepoPaths.Root, "deploy", "kubernetes")]);
        Assert.True(result.ExitCode == 0, "kubectl kustomize deploy/kubernetes failed: " + result);
        var stream = new YamlStream();
        stream.Load(new StringReader(result.StandardOutput));
        return new RenderedManifests(stream.Documents.Select(d => ToJson(d.RootNode)!.AsObject()).ToArray());
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => Text(o["kind"]) == kind);

    public JsonObject Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => Text(o["metadata"]!["name"]) == name)
        ?? throw new Xunit.Sdk.XunitException("no " + kind + " '" + name + "' rendered; rendered: "
            + string.Join(", ", Objects.Select(o => Text(o["kind"]) + "/" + Text(o["metadata"]!["name"]))));

    public static string? Text(JsonNode? node) => node?.GetValue<string>();

    /// <summary>The value of a container's env entry or a ConfigMap it loads with envFrom.</summary>
    public string? Env(JsonObject container, string name)
    {
        foreach (var entry in container["env"]?.AsArray() ?? [])
        {
            if (Text(entry!["name"]) == name)
            {
                return Text(entry["value"]) ?? "(from " + entry["valueFrom"]!.AsObject().Single().Key + ")";
            }
        }
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            var configMap = Text(source!["configMapRef"]?["name"]);
            if (configMap is not null && Get("ConfigMap", configMap)["data"]?[name] is { } value)
            {
                return Text(value);
            }
        }
        return null;
    }

    /// <summary>Every environment variable name a container gets, from env and from its ConfigMaps.</summary>
    public IEnumerable<string> EnvNames(JsonObject container)
    {
        foreach (var entry in container["env"]?.AsArray() ?? [])
        {
            yield return Text(entry!["name"])!;
        }
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            if (Text(source!["configMapRef"]?["name"]) is { } configMap)
            {
                foreach (var (key, _) in Get("ConfigMap", configMap)["data"]!.AsObject())
                {
                    yield return key;
                }
            }
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => scalar.Value is null ? null : JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException("unexpected YAML node " + node.NodeType),
    };
}
