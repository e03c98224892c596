using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Entities;

/// <summary>An upstream API: where matched requests are sent.</summary>
public sealed record Service : ConfigEntity
{
    public string? Name { get; init; }

    [Between(0, 32767)]
    public int Retries { get; init; } = 5;

    [OneOf(Protocols.Http, Protocols.Https, Protocols.Grpc, Protocols.Grpcs, Protocols.Ws, Protocols.Wss)]
    public string Protocol { get; init; } = Protocols.Http;

    [Required]
    public string Host { get; init; } = "";

    [Between(0, 65535)]
    public int Port { get; init; } = 80;

    [StartsWith("/")]
    public string? Path { get; init; }

    [Between(1, 2147483646)]
    public int ConnectTimeout { get; init; } = 60000;

    [Between(1, 2147483646)]
    public int WriteTimeout { get; init; } = 60000;

    [Between(1, 2147483646)]
    public int ReadTimeout { get; init; } = 60000;

    public EntityRef? ClientCertificate { get; init; }

    public bool? TlsVerify { get; init; }

    [Between(0, 64)]
    public int? TlsVerifyDepth { get; init; }

    public IReadOnlyList<Guid>? CaCertificates { get; init; }

    public bool Enabled { get; init; } = true;
}
