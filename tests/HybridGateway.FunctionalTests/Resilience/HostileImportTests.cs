using System.Net;
using System.Net.Sockets;
using System.Text;
using HybridGateway.FunctionalTests.Processes;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.Resilience;

/// <summary>POST /config against hostile documents and bodies: refused with a 4xx, promptly, nothing stored; and a graceful stop logs no failure.</summary>
[Collection(ProcessCollection.Name)]
public sealed class HostileImportTests
{
    [Fact]
    public async Task HostileDocuments_AreRefused_WithTheirReason_AndNothingIsStored()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var before = await hybrid.Admin.ConfigVersionAsync();

        // Other content types: 415, naming what is accepted.
        foreach (var type in new[] { "application/xml", "application/x-www-form-urlencoded", "image/png" })
        {
            using var body = new StringContent("_format_version: \"3.0\"\n", Encoding.UTF8, type);
            var reply = await hybrid.Admin.PostAsync("/config", body);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.StatusCode);
            Assert.Contains("application/yaml", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // An alias bomb: refused by its budget, with memory that does not grow by the expansion.
        var bomb = new StringBuilder("_format_version: \"3.0\"\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            bomb.Append('a').Append(i).Append(": &a").Append(i).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*a" + (i - 1), 10))).Append("]\n");
        }
        var resident = (await hybrid.Admin.GetJson("/status")).Object["process"]!["resident_bytes"]!.GetValue<long>();
        var bombs = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var body = new StringContent(bomb.ToString(), Encoding.UTF8, "application/yaml");
            using var reply = await hybrid.Admin.PostAsync("/config", body);
            return (reply.StatusCode, Text: await reply.Content.ReadAsStringAsync());
        }));
        var after = (await hybrid.Admin.GetJson("/status")).Object["process"]!["resident_bytes"]!.GetValue<long>();
        Console.WriteLine($"six alias bombs at once: control plane resident {resident / 1048576} MiB before, {after / 1048576} MiB after");
        Assert.All(bombs, b => Assert.Equal(HttpStatusCode.BadRequest, b.StatusCode));
        Assert.All(bombs, b => Assert.Contains("expands to more than", b.Text, StringComparison.Ordinal));

        // Deep nesting, in YAML and JSON.
        var deepYaml = string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200));
        Assert.Equal(HttpStatusCode.BadRequest, (await hybrid.Admin.PostAsync("/config", new StringContent(deepYaml, Encoding.UTF8, "application/yaml"))).StatusCode);
        var deepJson = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + string.Concat(Enumerable.Repeat("}", 200));
        Assert.Equal(HttpStatusCode.BadRequest, (await hybrid.Admin.PostAsync("/config", new StringContent(deepJson, Encoding.UTF8, "application/json"))).StatusCode);

        // Invalid UTF-8 is refused, never replaced.
        using (var invalid = new ByteArrayContent([.. "_format_version: \"3.0\"\nservices:\n- name: caf"u8.ToArray(), 0xC3, 0x28, .. "\n  url: http://x\n"u8.ToArray()]))
        {
            invalid.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/yaml");
            var reply = await hybrid.Admin.PostAsync("/config", invalid);
            Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
            Assert.Contains("not valid UTF-8", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A body shorter than its Content-Length: the client goes quiet (a 408 once Kestrel's minimum body
        // rate gives up, after its 5 s grace), or closes its side (the connection is closed); never a 500.
        Assert.Matches("^HTTP/1.1 408 ", await ShortBodyAsync(hybrid, closeSend: false));
        Assert.DoesNotMatch("^HTTP/1.1 5", await ShortBodyAsync(hybrid, closeSend: true));

        Assert.Equal(before, await hybrid.Admin.ConfigVersionAsync());
    }

    /// <summary>
    /// The first line of the answer. The server closes the connection right after answering, and a reset that overtakes
    /// the answer in the client's buffer loses it; such an exchange is tried again (up to three times) rather than read as
    /// a verdict. A client that closed its side may get no answer at all: the connection is simply closed.
    /// </summary>
    private static async Task<string> ShortBodyAsync(HybridFixture hybrid, bool closeSend)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await ShortBodyOnceAsync(hybrid, closeSend);
            if (answer.Length > 0 || closeSend || attempt == 3)
            {
                Console.WriteLine($"short body (close send: {closeSend}), attempt {attempt}: '{answer}'");
                return answer;
            }
        }
    }

    private static async Task<string> ShortBodyOnceAsync(HybridFixture hybrid, bool closeSend)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, hybrid.ControlPlane.AdminPort);
        var stream = tcp.GetStream();
        var head = "POST /config HTTP/1.1\r\nHost: cp\r\nAuthorization: " + hybrid.Admin.DefaultRequestHeaders.Authorization
            + "\r\nContent-Type: application/yaml\r\nContent-Length: 1000\r\n\r\n_format_version: \"3.0\"\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        if (closeSend)
        {
            tcp.Client.Shutdown(SocketShutdown.Send);
        }
        var received = new MemoryStream();
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0 && Array.IndexOf(buffer, (byte)'\n', 0, read) < 0)
            {
                received.Write(buffer, 0, read);
            }
            received.Write(buffer, 0, Math.Max(read, 0));
        }
        catch (IOException)
        {
            // Reset by the server: what arrived before it is the answer.
        }
        var text = Encoding.ASCII.GetString(received.ToArray());
        return text.Split('\n')[0].TrimEnd('\r');
    }

    [Fact]
    public async Task AGracefulStop_LogsNothingAboveInformation()
    {
        await using var hybrid = await HybridFixture.StartAsync();
        var node = await hybrid.StartNodeAsync("graceful-node");
        await node.WaitForVersionAsync(await hybrid.AddEchoRouteAsync("quiet", "/quiet"));

        await node.StopAsync();

        var output = node.Process!.Output;
        Assert.DoesNotContain("fail:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("crit:", output, StringComparison.Ordinal);
        Assert.Contains("Application is shutting down", output, StringComparison.Ordinal);
    }
}
