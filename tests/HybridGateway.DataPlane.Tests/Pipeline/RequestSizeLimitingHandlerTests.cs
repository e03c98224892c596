using HybridGateway.DataPlane.Pipeline;
using HybridGateway.DataPlane.Pipeline.RequestSizeLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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

    [Fact]
    public async Task Access_BodyWithoutALength_CapsTheServersBodyLimit()
    {
        var http = new DefaultHttpContext();
        var limit = new BodyLimit();
        http.Features.Set<IHttpMaxRequestBodySizeFeature>(limit);

        Assert.True(await RunAsync("{\"allowed_payload_size\":2,\"size_unit\":\"kilobytes\"}", http));
        Assert.Equal(2048, limit.MaxRequestBodySize);
    }

    private static async Task<bool> RunAsync(string config, DefaultHttpContext http)
    {
        var service = Service("s");
        var route = Route(service, "r");
        var plugin = AclHandlerTests.Plugin("request-size-limiting", config, route);
        return await new RequestSizeLimitingRuntime().Compile(plugin).AccessAsync(new PluginRequest(http, Serving(State(service, route, plugin)), ""));
    }

    private sealed class BodyLimit : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => false;

        public long? MaxRequestBodySize { get; set; } = 30_000_000;
    }
}
