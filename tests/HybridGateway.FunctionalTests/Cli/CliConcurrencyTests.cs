using System.Net;
using System.Text;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Cli;

/// <summary>hgw apply writes only at the version its dry run saw: a change made while the operator reads the diff is not overwritten.</summary>
[Collection(ProcessCollection.Name)]
public sealed class CliConcurrencyTests
{
    [Fact]
    public async Task Apply_WhenTheConfigChangesWhileAsking_IsRefusedWithAborted_AndWritesNothing()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        using var workspace = new CliWorkspace(hybrid);
        var file = workspace.Write("kong.yaml", "_format_version: \"3.0\"\nconsumers:\n- username: from-file\n");

        using var process = workspace.Hgw.StartInTerminal("apply", file);
        try
        {
            var shown = await ReadUntilAsync(process.StandardOutput, "[y/N]");
            Assert.Contains("from-file", shown);
            Assert.Equal(HttpStatusCode.Created, (await hybrid.Admin.PostJson("/consumers", new { username = "meanwhile" })).Status);
            await process.StandardInput.WriteAsync("y\n");
            process.StandardInput.Close();
            var result = await Hgw.CollectAsync(process, ["apply", file]);

            Assert.True(result.ExitCode == 1, shown + result);
            Assert.Contains("ABORTED", result.Stdout);
            Assert.Contains("changed after the dry run", result.Stdout);
            Assert.Equal(HttpStatusCode.NotFound, (await hybrid.Admin.GetJson("/consumers/from-file")).Status);
            Assert.Equal(HttpStatusCode.OK, (await hybrid.Admin.GetJson("/consumers/meanwhile")).Status);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string> ReadUntilAsync(StreamReader reader, string marker)
    {
        var text = new StringBuilder();
        var buffer = new char[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!text.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var read = await reader.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                throw new InvalidOperationException("hgw ended before asking:\n" + text);
            }
            text.Append(buffer, 0, read);
        }
        return text.ToString();
    }
}
