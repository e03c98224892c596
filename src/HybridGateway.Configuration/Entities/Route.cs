using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>A rule that matches requests (traditional router) and sends them to a service.</summary>
public sealed record Route : ConfigEntity
{
    public string? Name { get; init; }

    [MinLength(1)]
    [OneOf(Entities.Protocols.Http, Entities.Protocols.Https, Entities.Protocols.Grpc,
        Entities.Protocols.Grpcs, Entities.Protocols.Ws, Entities.Protocols.Wss)]
    public IReadOnlyList<string> Protocols { get; init; } = [Entities.Protocols.Http, Entities.Protocols.Https];

    public IReadOnlyList<string>? Methods { get; init; }

    public IReadOnlyList<string>? Hosts { get; init; }

    public IReadOnlyList<string>? Paths { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Headers { get; init; }

    public IReadOnlyList<string>? Snis { get; init; }

    [OneOf(426, 301, 302, 307, 308)]
    public int HttpsRedirectStatusCode { get; init; } = 426;

    public int RegexPriority { get; init; }

    public bool StripPath { get; init; } = true;

    [OneOf("v0", "v1")]
    public string PathHandling { get; init; } = "v0";

    public bool PreserveHost { get; init; }

    public bool RequestBuffering { get; init; } = true;

    public bool ResponseBuffering { get; init; } = true;

    public EntityRef? Service { get; init; }
}
