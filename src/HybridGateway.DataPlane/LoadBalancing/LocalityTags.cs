using System.Globalization;

namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>
/// The tag conventions locality reads, so that Kong's files carry them unchanged: a target's
/// <c>region:&lt;name&gt;</c> and <c>zone:&lt;name&gt;</c>; an upstream's <c>locality:off</c> and
/// <c>locality-min-healthy:&lt;percent&gt;</c>.
/// </summary>
public static class LocalityTags
{
    public const string Region = "region:";
    public const string Zone = "zone:";
    public const string Off = "locality:off";
    public const string MinHealthy = "locality-min-healthy:";

    /// <summary>Kong-style default: a tier keeps all its traffic while 70% of its weight is up.</summary>
    public const int DefaultMinHealthyPercent = 70;

    public static string? Value(IReadOnlyList<string>? tags, string prefix)
    {
        if (tags is null)
        {
            return null;
        }
        foreach (var tag in tags)
        {
            if (tag.StartsWith(prefix, StringComparison.Ordinal) && tag.Length > prefix.Length)
            {
                return tag[prefix.Length..];
            }
        }
        return null;
    }

    public static bool IsOff(IReadOnlyList<string>? tags) => tags is not null && tags.Contains(Off, StringComparer.Ordinal);

    /// <summary>The upstream's minimum healthy share (0.01 to 1); the default when the tag is absent or not 1 to 100.</summary>
    public static double MinHealthyShare(IReadOnlyList<string>? tags) =>
        int.TryParse(Value(tags, MinHealthy), NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent is >= 1 and <= 100
            ? percent / 100.0
            : DefaultMinHealthyPercent / 100.0;
}
