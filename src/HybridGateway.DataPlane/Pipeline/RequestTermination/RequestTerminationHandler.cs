using System.Text;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Proxy;
using HybridGateway.Plugins.RequestTermination;

namespace HybridGateway.DataPlane.Pipeline.RequestTermination;

/// <summary>
/// request-termination's access phase, as Kong's: answers with the configured status and either
/// the raw body with its content type, or <c>{"message": ...}</c> (the status's standard message
/// when none is set). With a trigger, only requests carrying that header or query argument stop here.
/// </summary>
public sealed class RequestTerminationHandler : PluginHandler
{
    private readonly int _status;
    private readonly byte[] _body;
    private readonly string _contentType;
    private readonly string? _trigger;

    public RequestTerminationHandler(Plugin plugin, RequestTerminationConfig config)
        : base(plugin)
    {
        ArgumentNullException.ThrowIfNull(config);
        _status = config.StatusCode;
        _trigger = config.Trigger;
        if (config.Body is { } body)
        {
            _body = Encoding.UTF8.GetBytes(body);
            _contentType = config.ContentType ?? "application/json; charset=utf-8";
        }
        else
        {
            _body = ProxyResponses.Body(config.Message ?? KongMessages.For(config.StatusCode));
            _contentType = "application/json; charset=utf-8";
        }
    }

    public override async ValueTask<bool> AccessAsync(PluginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_trigger is { } trigger
            && !request.Http.Request.Headers.ContainsKey(trigger)
            && RawQuery.Find(request.Query, trigger).Count == 0)
        {
            return true;
        }
        var response = request.Http.Response;
        response.StatusCode = _status;
        response.ContentType = _contentType;
        response.ContentLength = _body.Length;
        await response.Body.WriteAsync(_body, request.Http.RequestAborted);
        return false;
    }
}
