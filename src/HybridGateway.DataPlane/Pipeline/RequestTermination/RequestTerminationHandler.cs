using System.Collections.Frozen;
using System.Text;
using HybridGateway.Configuration.Entities;
using HybridGateway.DataPlane.Proxy;
using HybridGateway.Plugins.RequestTermination;

namespace HybridGateway.DataPlane.Pipeline.RequestTermination;

/// <summary>
/// request-termination's access phase, as Kong's: answers with the configured status and either
/// the raw body with its content type, or <c>{"message": ...}</c> with the configured message or
/// the plugin's default for the status (no body for a status without one). With a trigger, only
/// requests carrying that header or query argument stop here. With <c>echo</c>, the body is the
/// request itself (<see cref="EchoBody"/>).
/// </summary>
public sealed class RequestTerminationHandler : PluginHandler
{
    /// <summary>Kong's request-termination defaults; other statuses get no body unless a message is set.</summary>
    private static readonly FrozenDictionary<int, string> DefaultMessages = new Dictionary<int, string>
    {
        [401] = "Unauthorized",
        [404] = "Not found",
        [405] = "Method not allowed",
        [500] = "An unexpected error occurred",
        [502] = "Bad Gateway",
        [503] = "Service unavailable",
    }.ToFrozenDictionary();

    private readonly int _status;
    private readonly byte[] _body;
    private readonly string? _contentType;
    private readonly string? _trigger;
    private readonly bool _echo;
    private readonly string? _echoMessage;

    public RequestTerminationHandler(Plugin plugin, RequestTerminationConfig config)
        : base(plugin)
    {
        ArgumentNullException.ThrowIfNull(config);
        _status = config.StatusCode;
        _trigger = config.Trigger;
        _echo = config.Echo && !ProxyResponses.ForbidsBody(config.StatusCode);
        _echoMessage = config.Message ?? DefaultMessages.GetValueOrDefault(config.StatusCode);
        if (ProxyResponses.ForbidsBody(config.StatusCode))
        {
            _body = [];
        }
        else if (config.Body is { } body)
        {
            _body = Encoding.UTF8.GetBytes(body);
            _contentType = config.ContentType;
        }
        else if ((config.Message ?? DefaultMessages.GetValueOrDefault(config.StatusCode)) is { } message)
        {
            _body = ProxyResponses.Body(message);
            _contentType = "application/json; charset=utf-8";
        }
        else
        {
            _body = [];
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
        var body = _echo ? await EchoBody.BuildAsync(request, _echoMessage) : _body;
        var response = request.Http.Response;
        response.StatusCode = _status;
        if (_echo)
        {
            response.ContentType = "application/json";
        }
        else if (_contentType is not null)
        {
            response.ContentType = _contentType;
        }
        response.ContentLength = body.Length;
        if (body.Length > 0)
        {
            await response.Body.WriteAsync(body, request.Http.RequestAborted);
        }
        return false;
    }
}
