using System.Text.RegularExpressions;
using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.CorrelationId;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Pipeline;

public sealed partial class CorrelationIdHandlerTests
{
    [Fact]
    public async Task Access_WithoutTheHeader_AddsAnIdPerRequest_UuidAndCounter()
    {
        var first = await RunAsync("{}", null);
        var second = await RunAsync("{}", null);

        Assert.Matches(CounterId(), first);
        Assert.Matches(CounterId(), second);
        Assert.Equal(first.Split('#')[0], second.Split('#')[0]);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Access_UuidGenerator_AddsARandomUuid_UnderTheConfiguredName()
    {
        var id = await RunAsync("{\"generator\":\"uuid\",\"header_name\":\"X-Request-ID\"}", null, "X-Request-ID");

        Assert.True(Guid.TryParse(id, out _), id);
    }

    [Theory]
    [InlineData("abc-123", "abc-123")]
    [InlineData("", null)]
    public async Task Access_AnIdTheClientSent_IsKeptUnlessEmpty(string sent, string? kept)
    {
        var id = await RunAsync("{}", sent);

        if (kept is null)
        {
            Assert.Matches(CounterId(), id);
        }
        else
        {
            Assert.Equal(kept, id);
        }
    }

    [Fact]
    public async Task Access_AnIdSentTwice_TheFirstIsTheId()
    {
        var service = Service("s");
        var route = Route(service, "r");
        var plugin = Plugin("correlation-id", "{}", route);
        var http = new DefaultHttpContext();
        http.Request.Headers["Kong-Request-ID"] = new Microsoft.Extensions.Primitives.StringValues(["first", "second"]);

        Assert.True(await new CorrelationIdRuntime().Compile(plugin).AccessAsync(new PluginRequest(http, Serving(State(service, route, plugin)), "")));
        Assert.Equal("first,second", http.Request.Headers["Kong-Request-ID"].ToString());
    }

    [Fact]
    public async Task Tracker_NamesTheServerAddressPortProcessConnectionAndTime()
    {
        var id = await RunAsync("{\"generator\":\"tracker\"}", null);

        var parts = id.Split('-');
        Assert.Equal(6, parts.Length);
        Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[2]);
        Assert.Equal("1", parts[4]);
        Assert.Matches(@"^\d+\.\d{3}$", parts[5]);
        Assert.Null(new CorrelationIdRuntime().Unsupported(Plugin("correlation-id", "{\"generator\":\"tracker\"}", Route(Service("s"), "r"))));
    }

    private static async Task<string> RunAsync(string config, string? sent, string header = "Kong-Request-ID")
    {
        var service = Service("s");
        var route = Route(service, "r");
        var plugin = Plugin("correlation-id", config, route);
        var http = new DefaultHttpContext();
        if (sent is not null)
        {
            http.Request.Headers[header] = sent;
        }
        Assert.True(await new CorrelationIdRuntime().Compile(plugin).AccessAsync(new PluginRequest(http, Serving(State(service, route, plugin)), "")));
        return http.Request.Headers[header].ToString();
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}#[0-9]+$")]
    private static partial Regex CounterId();
}
