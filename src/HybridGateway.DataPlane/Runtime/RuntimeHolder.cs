namespace HybridGateway.DataPlane.Runtime;

/// <summary>
/// The config being served. Requests read it once per request; a new config replaces it in one
/// atomic write, so a request sees one version from start to finish.
/// </summary>
public sealed class RuntimeHolder(TimeProvider clock)
{
    private volatile Snapshot? _current;

    /// <summary>The config with where it came from ("cache" or "control_plane") and when it was applied.</summary>
    public sealed record Snapshot(RuntimeConfig Config, string Source, DateTimeOffset AppliedAt);

    public RuntimeConfig? Current => _current?.Config;

    public Snapshot? Details => _current;

    public void Swap(RuntimeConfig config, string source) => _current = new Snapshot(config, source, clock.GetUtcNow());
}
