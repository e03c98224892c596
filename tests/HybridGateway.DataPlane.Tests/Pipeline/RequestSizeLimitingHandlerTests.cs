using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.RequestSizeLimiting;
using Microsoft.AspNetCore.Http;
using static HybridGateway.DataPlane.Tests.Pipeline.PipelineConfig;

namespace HybridGateway.DataPlane.Tests.Pipeline;

public sealed class RequestSizeLimitingHandlerTests
{
    [Theory]
    [InlineData("{\"allowed_payload_size\":1,\"size_unit\":\"kilobytes\"}", 1024L, null, 0)]
    [InlineData("{\"allowed_payload_size\":1,\"size_unit\":\"kilobytes\"}", 1025L, null, 413)]
    [InlineData("{\"allowed_payload_size\":1,\"size_unit\":\"kilobytes\"}", 1025L, "100-continue", 417)]
    [InlineData("{\"allowed_payload_size\":10,\"size_unit\":\"bytes\"}", 11L, null, 413)]
    [InlineData("{}", 128L * 1024 * 1024, null, 0)]
    [InlineData("{}", 128L * 1024 * 1024 + 1, null, 413)]
    [InlineData("{\"require_content_length\":true}", null, null, 411)]
    [InlineData("{\"require_content_length\":true}", 10L, null, 0)]
    public async Task Access_ChecksTheDeclaredLength(string config, long? contentLength, string? expect, int expectedStatus)
    {
        var http = new DefaultHttpContext();
        http.Request.ContentLength = contentLength;
        if (expect is not null)
        {
            http.Request.Headers.Expect = expect;
        }
        http.Response.Body = new MemoryStream();

        var passed = await RunAsync(config, http);

        Assert.Equal(expectedStatus == 0, passed);
        if (expectedStatus != 0)
        {
            Assert.Equal(expectedStatus, http.Response.StatusCode);
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(1L, true)] // a Content-Length beside Transfer-Encoding is not believed
    public async Task Access_BodyWithoutATrustworthyLength_IsLimitedAsItIsRead(long? contentLength, bool chunked)
    {
        var http = new DefaultHttpContext();
        http.Request.ContentLength = contentLength;
        if (chunked)
        {
            http.Request.Headers.TransferEncoding = "chunked";
        }
        http.Request.Body = new MemoryStream(new byte[3000]);

        Assert.True(await RunAsync("{\"allowed_payload_size\":2,\"size_unit\":\"kilobytes\"}", http));

        var buffer = new byte[1000];
        await http.Request.Body.ReadExactlyAsync(buffer);
        await http.Request.Body.ReadExactlyAsync(buffer);
        var error = await Assert.ThrowsAsync<BadHttpRequestException>(async () => await http.Request.Body.ReadExactlyAsync(buffer));
        Assert.Equal(413, error.StatusCode);
    }

    [Fact]
    public async Task Access_ChunkedBodyWithRequireContentLength_Is411()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.TransferEncoding = "chunked";
        http.Response.Body = new MemoryStream();

        Assert.False(await RunAsync("{\"require_content_length\":true}", http));
        Assert.Equal(411, http.Response.StatusCode);
    }

    private static async Task<bool> RunAsync(string config, DefaultHttpContext http)
    {
        var service = Service("s");
        var route = Route(service, "r");
        var plugin = Plugin("request-size-limiting", config, route);
        return await new RequestSizeLimitingRuntime().Compile(plugin).AccessAsync(new PluginRequest(http, Serving(State(service, route, plugin)), ""));
    }
}
