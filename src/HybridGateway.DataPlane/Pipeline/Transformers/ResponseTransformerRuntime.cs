using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.ResponseTransformer;

namespace HybridGateway.DataPlane.Pipeline.Transformers;

/// <summary>response-transformer on the data plane: header changes run; a config that changes JSON bodies is refused (NACK) until that is built.</summary>
public sealed class ResponseTransformerRuntime : PluginRuntime<ResponseTransformerDefinition, ResponseTransformerConfig>
{
    protected override string? Unsupported(ResponseTransformerConfig config) =>
        config.Remove.Json.Count + config.Rename.Json.Count + config.Replace.Json.Count + config.Add.Json.Count + config.Append.Json.Count > 0
            ? "response-transformer: changes to JSON bodies are not supported yet (header changes are)"
            : null;

    protected override PluginHandler Compile(Plugin plugin, ResponseTransformerConfig config) => new ResponseTransformerHandler(plugin, config);
}
