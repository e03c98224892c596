namespace HybridGateway.DataPlane.Routing;

/// <summary>What a candidate matches the path with, in priority order (regex paths are tried first).</summary>
internal enum PathKind
{
    Regex,
    Plain,
    None,
}
