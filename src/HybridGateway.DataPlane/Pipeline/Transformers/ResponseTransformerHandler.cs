using HybridGateway.Configuration.Entities;
using HybridGateway.Plugins.ResponseTransformer;

namespace HybridGateway.DataPlane.Pipeline.Transformers;

/// <summary>
/// response-transformer's header phase, as Kong's: just before the response starts, its headers
/// are removed, renamed, replaced (where present), added (where absent) and appended, in that
/// order, with the values as written (the plugin has no templates). Changes to JSON bodies are
/// refused by the runtime until they are built.
/// </summary>
public sealed class ResponseTransformerHandler : PluginHandler
{
    private readonly TransformOps _headers;

    public ResponseTransformerHandler(Plugin plugin, ResponseTransformerConfig config)
        : base(plugin)
    {
        ArgumentNullException.ThrowIfNull(config);
        _headers = new TransformOps(
            [.. config.Remove.Headers],
            TransformPairs.Split(config.Rename.Headers),
            TransformPairs.Literals(config.Replace.Headers),
            TransformPairs.Literals(config.Add.Headers),
            TransformPairs.Literals(config.Append.Headers));
    }

    public override ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_headers.IsEmpty)
        {
            var response = request.Http.Response;
            response.OnStarting(() =>
            {
                _headers.Apply(request, new HeaderTarget(response.Headers));
                return Task.CompletedTask;
            });
        }
        return ValueTask.FromResult(true);
    }
}
