namespace HybridGateway.FunctionalTests.Support;

/// <summary>Where the repository and the built programs are, for tests that run them as real processes.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the same configuration the tests were built in.</summary>
    public static string Configuration { get; } = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string Program(string project) => Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", project + ".dll");

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("HGW_REPO_ROOT") is { Length: > 0 } configured)
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HybridGateway.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (HybridGateway.sln) above " + AppContext.BaseDirectory);
    }
}
