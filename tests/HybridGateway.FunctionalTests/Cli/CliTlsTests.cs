using System.Globalization;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Cli;

/// <summary>hgw over the admin TLS listener: trusted through --ca (and the saved login), refused without it or with another CA.</summary>
[Collection(ProcessCollection.Name)]
public sealed class CliTlsTests
{
    [Fact]
    public async Task OverTls_TheGivenCaIsTrusted_AndWithoutItOrWithAnotherCaHgwCannotConnect()
    {
        using var pki = new TestPki();
        using var otherPki = new TestPki();
        var (cert, key) = pki.Issue("localhost", server: true);
        var tlsPort = FreePort.Next();
        await using var hybrid = await HybridFixture.StartAsync(new Dictionary<string, string>
        {
            ["HGW_ControlPlane__AdminTlsListen"] = "127.0.0.1:" + tlsPort.ToString(CultureInfo.InvariantCulture),
            ["HGW_ControlPlane__AdminTls__CertificatePath"] = cert,
            ["HGW_ControlPlane__AdminTls__KeyPath"] = key,
        });
        using var workspace = new CliWorkspace(hybrid);
        var https = workspace.Hgw.With("HGW_ADDRESS", "https://127.0.0.1:" + tlsPort.ToString(CultureInfo.InvariantCulture));

        var login = await https.RunAsync("login", "--ca", pki.CaPath);
        Assert.True(login.ExitCode == 0, login.ToString());
        var history = await https.RunAsync("history", "--output", "json");
        Assert.True(history.ExitCode == 0, history.ToString());

        var unsaved = https.With("HGW_CONFIG", workspace.File("none.json"));
        var untrusted = await unsaved.RunAsync("history");
        Assert.True(untrusted.ExitCode == 3, untrusted.ToString());
        var otherCa = await unsaved.RunAsync("history", "--ca", otherPki.CaPath);
        Assert.True(otherCa.ExitCode == 3, otherCa.ToString());
        Assert.Equal(0, (await unsaved.RunAsync("history", "--ca", pki.CaPath)).ExitCode);

        var plain = await workspace.Hgw.RunAsync("history", "--ca", pki.CaPath);
        Assert.True(plain.ExitCode == 2, plain.ToString());
        Assert.Contains("https", plain.Stderr);
    }
}
