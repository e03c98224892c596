namespace HybridGateway.FunctionalTests.Deploy;

/// <summary>deploy/pki/make-certs.sh run into a folder of its own, deleted afterwards.</summary>
public sealed class CertificateScript : IDisposable
{
    public CertificateScript() => Directory = System.IO.Directory.CreateTempSubdirectory("hgw-make-certs-").FullName;

    public static string Script => Path.Combine(Support.RepoPaths.Root, "deploy", "pki", "make-certs.sh");

    /// <summary>The output folder (the script's --dir).</summary>
    public string Directory { get; }

    public string CaPath => Path.Combine(Directory, "ca.crt");

    public string ServerCertificate => Path.Combine(Directory, "control-plane.crt");

    public string ServerKey => Path.Combine(Directory, "control-plane.key");

    public string NodeCertificate(string nodeId) => Path.Combine(Directory, "nodes", nodeId + ".crt");

    public string NodeKey(string nodeId) => Path.Combine(Directory, "nodes", nodeId + ".key");

    public Task<ToolResult> RunAsync(params string[] arguments) => Tool.RunAsync("bash", [Script, "--dir", Directory, .. arguments]);

    /// <summary>Runs it and fails the test, with the script's output, unless it succeeds.</summary>
    public async Task RunOkAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, "make-certs.sh " + string.Join(' ', arguments) + ": " + result);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
