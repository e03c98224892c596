using HybridGateway.DataPlane.Pipeline.OpenTelemetry;
using Microsoft.AspNetCore.Http;

namespace HybridGateway.DataPlane.Tests.Pipeline.Logging;

public sealed class TraceHeadersTests
{
    private const string Trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string Span = "00f067aa0ba902b7";

    [Theory]
    [InlineData("00-" + Trace + "-" + Span + "-01", true)]
    [InlineData("00-" + Trace + "-" + Span + "-00", false)]
    [InlineData("01-" + Trace + "-" + Span + "-01-future", true)]
    public void W3c_Valid_IsRead(string traceparent, bool sampled)
    {
        var found = TraceHeaders.Extract(Headers(("traceparent", traceparent)), [TraceHeaders.W3c]);

        Assert.Equal((Trace, Span, sampled, "w3c"), (Convert.ToHexStringLower(found!.Value.TraceId), Convert.ToHexStringLower(found.Value.ParentSpanId!), found.Value.Sampled, found.Value.Format));
    }

    [Theory]
    [InlineData("00-00000000000000000000000000000000-" + Span + "-01")]
    [InlineData("00-" + Trace + "-0000000000000000-01")]
    [InlineData("ff-" + Trace + "-" + Span + "-01")]
    [InlineData("00-" + Trace + "-" + Span + "-01-extra")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e473g-" + Span + "-01")]
    [InlineData("garbage")]
    public void W3c_Invalid_IsIgnored(string traceparent) =>
        Assert.Null(TraceHeaders.Extract(Headers(("traceparent", traceparent)), [TraceHeaders.W3c]));

    [Fact]
    public void B3_MultiAndSingle_AreRead_AShortTraceIdPadded()
    {
        var multi = TraceHeaders.Extract(Headers(("X-B3-TraceId", "a3ce929d0e0e4736"), ("X-B3-SpanId", Span), ("X-B3-Sampled", "0")), [TraceHeaders.B3]);
        var single = TraceHeaders.Extract(Headers(("b3", Trace + "-" + Span + "-1")), [TraceHeaders.B3]);

        Assert.Equal(("0000000000000000a3ce929d0e0e4736", false, "b3"), (Convert.ToHexStringLower(multi!.Value.TraceId), multi.Value.Sampled, multi.Value.Format));
        Assert.Equal((Trace, true, "b3-single"), (Convert.ToHexStringLower(single!.Value.TraceId), single.Value.Sampled, single.Value.Format));
    }

    [Fact]
    public void Extract_TheFirstListedFormatFoundWins()
    {
        var headers = Headers(("traceparent", "00-" + Trace + "-" + Span + "-01"), ("X-B3-TraceId", "11111111111111111111111111111111"), ("X-B3-SpanId", Span));

        Assert.Equal("b3", TraceHeaders.Extract(headers, [TraceHeaders.B3, TraceHeaders.W3c])!.Value.Format);
        Assert.Equal("w3c", TraceHeaders.Extract(headers, [TraceHeaders.W3c, TraceHeaders.B3])!.Value.Format);
        Assert.Null(TraceHeaders.Extract(headers, []));
    }

    [Fact]
    public void Inject_WritesEachFormat()
    {
        var headers = new HeaderDictionary();
        var trace = Convert.FromHexString(Trace);
        var span = Convert.FromHexString("1111111111111111");
        var parent = Convert.FromHexString(Span);

        TraceHeaders.Inject(headers, TraceHeaders.W3c, trace, span, parent, sampled: true, traceState: "k=v");
        TraceHeaders.Inject(headers, TraceHeaders.B3, trace, span, parent, sampled: false, traceState: null);
        TraceHeaders.Inject(headers, TraceHeaders.B3Single, trace, span, null, sampled: true, traceState: null);

        Assert.Equal("00-" + Trace + "-1111111111111111-01", headers["traceparent"]);
        Assert.Equal("k=v", headers["tracestate"]);
        Assert.Equal((Trace, "1111111111111111", "0", Span), (headers["X-B3-TraceId"].ToString(), headers["X-B3-SpanId"].ToString(), headers["X-B3-Sampled"].ToString(), headers["X-B3-ParentSpanId"].ToString()));
        Assert.Equal(Trace + "-1111111111111111-1", headers["b3"]);
    }

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }
        return dictionary;
    }
}
