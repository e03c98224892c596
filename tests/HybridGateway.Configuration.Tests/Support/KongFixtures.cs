namespace HybridGateway.Configuration.Tests.Support;

/// <summary>
/// Finds Kong's decK conformance corpus: $HGW_KONG_FIXTURES, or shared/fixtures/kong-deck beside
/// the repository. The corpus is read in place and never copied or edited.
/// </summary>
public static class KongFixtures
{
    public static string? Directory { get; } = Locate();

    public static IEnumerable<object[]> Files() =>
        Directory is null
            ? [["(corpus not found)"]]
            : System.IO.Directory.GetFiles(Directory, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(f => new object[] { f! });

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory!, name));

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("HGW_KONG_FIXTURES");
        if (!string.IsNullOrEmpty(configured) && System.IO.Directory.Exists(configured))
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "kong-deck");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
