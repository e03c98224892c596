namespace HybridGateway.Configuration.Tests.Support;

/// <summary>A PEM certificate and the PEM private key that goes with it.</summary>
public sealed record PemPair(string Cert, string Key);
