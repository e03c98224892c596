using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Cli;

/// <summary>A folder of its own for one test's hgw config file and decK files, removed afterwards.</summary>
public sealed class CliWorkspace : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("hgw-cli-");

    public CliWorkspace(HybridFixture hybrid, string? token = ControlPlaneHost.Token)
    {
        Hgw = new Hgw(hybrid.ControlPlane.AdminGrpcPort, token, File("config.json"));
    }

    public Hgw Hgw { get; }

    public string File(string name) => Path.Combine(_folder.FullName, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
