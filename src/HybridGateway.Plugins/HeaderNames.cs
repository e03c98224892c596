namespace HybridGateway.Plugins;

/// <summary>What Kong accepts as a header name in plugin configs.</summary>
internal static class HeaderNames
{
    public static bool IsValid(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public static string Invalid(string name) => "bad header name '" + name + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'";
}
