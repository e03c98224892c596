namespace HybridGateway.Configuration.Validation;

/// <summary>
/// Names an Admin API URL addresses an entity by. Kong's utf8_name for services, routes and plugin
/// instance names (ASCII letters, digits, '.', '-', '_', '~', and any non-ASCII letter); for
/// consumers' usernames, anything a URL path segment can carry back unchanged. Either way a name
/// stays reachable by name: '/', '%', '?' and '#' never get in.
/// </summary>
public static class Names
{
    public const int MaxLength = 256;

    /// <summary>Kong's utf8_name rule, or null when the name follows it.</summary>
    public static string? KongName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "length must be at least 1";
        }
        if (name.Length > MaxLength)
        {
            return "length must be at most " + MaxLength;
        }
        foreach (var c in name)
        {
            if (c < 0x80 ? !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~') : !(char.IsLetterOrDigit(c) || char.IsSurrogate(c) || IsMark(c)))
            {
                return "invalid value '" + name + "': the only accepted ascii characters are alphanumerics or ., -, _, and ~";
            }
        }
        return null;
    }

    private static bool IsMark(char c) => char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
        or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark;

    /// <summary>A username: printable, at most <see cref="MaxLength"/>, and without the characters a URL path segment cannot carry as themselves.</summary>
    public static string? Addressable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > MaxLength)
        {
            return "length must be at most " + MaxLength;
        }
        if (name.Any(c => c is '/' or '%' or '?' or '#' || char.IsControl(c)))
        {
            return "invalid value '" + name + "': '/', '%', '?', '#' and control characters are not allowed (the name must be usable in an Admin API URL)";
        }
        return null;
    }

    /// <summary>An HTTP header name (RFC 9110 token), at most <see cref="MaxLength"/> characters.</summary>
    public static bool IsHeaderName(string name) =>
        name.Length is > 0 and <= MaxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
