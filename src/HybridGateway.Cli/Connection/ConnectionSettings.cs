namespace HybridGateway.Cli.Connection;

/// <summary>Where to reach the control plane and how to prove who we are.</summary>
public sealed record ConnectionSettings(string Address, string? Token, string? CaFile);
