namespace HybridGateway.DataPlane.Pipeline;

/// <summary>The protocol of a request as Kong's plugin <c>protocols</c> field names it.</summary>
public enum RequestProtocol
{
    Http,
    Https,
    Grpc,
    Grpcs,
}
