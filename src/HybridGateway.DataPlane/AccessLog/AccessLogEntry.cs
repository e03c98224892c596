using System.Net;
using HybridGateway.Configuration.Entities;
using Route = HybridGateway.Configuration.Entities.Route;

namespace HybridGateway.DataPlane.AccessLog;

/// <summary>One request's access-log line before it is formatted (formatting happens off the request path).</summary>
public readonly record struct AccessLogEntry(
    DateTime StartedAtUtc,
    IPAddress? Client,
    string Method,
    string Path,
    int Status,
    long? RequestBytes,
    long? ResponseBytes,
    double TotalMs,
    double? UpstreamMs,
    Route? Route,
    Service? Service,
    Consumer? Consumer,
    string? Upstream,
    long ConfigVersion,
    string RequestId);
