using HybridGateway.Configuration.Schema;

namespace HybridGateway.Plugins.FileLog;

/// <summary>file-log's config: the file each request's log entry is appended to, as one JSON line.</summary>
public sealed record FileLogConfig
{
    [Required]
    public string Path { get; init; } = "";

    /// <summary>Reopen the file for every write (so a rotated file is followed), as Kong's.</summary>
    public bool Reopen { get; init; }

    public IReadOnlyDictionary<string, string>? CustomFieldsByLua { get; init; }
}
