using HybridGateway.DataPlane.RateLimiting;
using static HybridGateway.DataPlane.Tests.Pipeline.RateLimiting.RateLimitRequests;

namespace HybridGateway.DataPlane.Tests.Pipeline.RateLimiting;

/// <summary>rate-limiting with the local policy: Kong's counting, headers and answers.</summary>
public sealed class RateLimitingHandlerTests
{
    private static readonly DateTimeOffset TenSecondsIntoAMinute = new(2026, 3, 1, 12, 30, 10, 200, TimeSpan.Zero);

    [Fact]
    public async Task LocalPolicy_TwoWindows_CountsAndAnswersAsKong()
    {
        var clock = new ManualClock(TenSecondsIntoAMinute);
        var node = new RateLimitRequests("""{"second":2,"minute":3}""", clock);

        var first = await node.SendAsync();
        AssertHeaders(first, 200, second: "1", minute: "2", limit: "2", remaining: "1", reset: "1");
        var second = await node.SendAsync();
        AssertHeaders(second, 200, second: "0", minute: "1", limit: "2", remaining: "0", reset: "1");
        var third = await node.SendAsync();
        AssertHeaders(third, 429, second: "0", minute: "1", limit: "2", remaining: "0", reset: "1");
        Assert.Equal("1", Header(third, "Retry-After"));
        Assert.Equal("API rate limit exceeded", Message(third));

        clock.Advance(TimeSpan.FromSeconds(1));
        // The minute now has the fewest left: RateLimit-* speak of it, reset at the minute's end.
        var fourth = await node.SendAsync();
        AssertHeaders(fourth, 200, second: "1", minute: "0", limit: "3", remaining: "0", reset: "49");
        var fifth = await node.SendAsync();
        AssertHeaders(fifth, 429, second: "1", minute: "0", limit: "3", remaining: "0", reset: "49");
        Assert.Equal("49", Header(fifth, "Retry-After"));

        Assert.Equal(3, node.Stats.Instances.Single().Admitted);
        Assert.Equal(2, node.Stats.Instances.Single().Limited);
        Assert.Equal(RateLimitMode.Local, node.Stats.Instances.Single().Mode);
    }

    [Fact]
    public async Task HideClientHeaders_AndOwnErrorCode_AnswersWithoutAnyRateLimitHeader()
    {
        var node = new RateLimitRequests("""{"second":1,"hide_client_headers":true,"error_code":503,"error_message":"slow down"}""", new ManualClock(TenSecondsIntoAMinute));

        var admitted = await node.SendAsync();
        var refused = await node.SendAsync();

        Assert.Equal(200, admitted.Response.StatusCode);
        Assert.Equal(503, refused.Response.StatusCode);
        Assert.Equal("slow down", Message(refused));
        foreach (var http in new[] { admitted, refused })
        {
            Assert.DoesNotContain(http.Response.Headers.Keys, name => name.Contains("RateLimit", StringComparison.OrdinalIgnoreCase) || name == "Retry-After");
        }
    }

    [Theory]
    [InlineData("day", 86400, "2026-03-01T12:30:10.200Z", 41390)]
    [InlineData("hour", 3600, "2026-03-01T12:30:10.200Z", 1790)]
    [InlineData("month", 100, "2026-03-01T12:30:10.200Z", 2546990)]
    [InlineData("year", 100, "2026-01-01T00:00:01Z", 31535999)]
    public async Task Reset_LongWindows_CountsFromTheCalendarPeriodLikeKong(string window, int limit, string now, long reset)
    {
        var node = new RateLimitRequests("{\"" + window + "\":" + limit + "}", new ManualClock(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

        var http = await node.SendAsync();

        Assert.Equal(reset.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(http, "RateLimit-Reset"));
        Assert.Equal((limit - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Header(http, "X-RateLimit-Remaining-" + char.ToUpperInvariant(window[0]) + window[1..]));
    }

    [Theory]
    // Requests that share a key share the limit of 1; requests that differ in it do not.
    [InlineData("""{"second":1,"limit_by":"ip"}""", "10.0.0.1", "", "10.0.0.2", "", false)]
    [InlineData("""{"second":1,"limit_by":"ip"}""", "10.0.0.1", "a", "10.0.0.1", "b", true)]
    [InlineData("""{"second":1,"limit_by":"header","header_name":"x-tenant"}""", "10.0.0.1", "a", "10.0.0.1", "b", false)]
    [InlineData("""{"second":1,"limit_by":"header","header_name":"x-tenant"}""", "10.0.0.1", "a", "10.0.0.2", "a", true)]
    // Without the header, the client address is the key, as Kong falls back to it.
    [InlineData("""{"second":1,"limit_by":"header","header_name":"x-tenant"}""", "10.0.0.1", "", "10.0.0.2", "", false)]
    [InlineData("""{"second":1,"limit_by":"service"}""", "10.0.0.1", "", "10.0.0.2", "", true)]
    // No consumer and no credential: the client address.
    [InlineData("""{"second":1,"limit_by":"consumer"}""", "10.0.0.1", "", "10.0.0.2", "", false)]
    [InlineData("""{"second":1,"limit_by":"credential"}""", "10.0.0.1", "", "10.0.0.1", "", true)]
    public async Task LimitBy_KeysRequestsAsKong(string config, string firstClient, string firstTenant, string secondClient, string secondTenant, bool shared)
    {
        var node = new RateLimitRequests(config, new ManualClock(TenSecondsIntoAMinute));

        await node.SendAsync(firstClient, r => r.Headers["x-tenant"] = firstTenant.Length > 0 ? firstTenant : default);
        var second = await node.SendAsync(secondClient, r => r.Headers["x-tenant"] = secondTenant.Length > 0 ? secondTenant : default);

        Assert.Equal(shared ? 429 : 200, second.Response.StatusCode);
    }

    [Fact]
    public async Task LimitByPath_CountsThatPathAlone_OtherPathsByClient()
    {
        var node = new RateLimitRequests("""{"second":1,"limit_by":"path","path":"/orders/export"}""", new ManualClock(TenSecondsIntoAMinute));

        await node.SendAsync("10.0.0.1", path: "/orders/export");
        var samePathOtherClient = await node.SendAsync("10.0.0.2", path: "/orders/export");
        var otherPath = await node.SendAsync("10.0.0.3", path: "/orders/list");

        Assert.Equal(429, samePathOtherClient.Response.StatusCode);
        Assert.Equal(200, otherPath.Response.StatusCode);
    }

    private static void AssertHeaders(Microsoft.AspNetCore.Http.HttpContext http, int status, string second, string minute, string limit, string remaining, string reset)
    {
        Assert.Equal(status, http.Response.StatusCode);
        Assert.Equal("2", Header(http, "X-RateLimit-Limit-Second"));
        Assert.Equal(second, Header(http, "X-RateLimit-Remaining-Second"));
        Assert.Equal("3", Header(http, "X-RateLimit-Limit-Minute"));
        Assert.Equal(minute, Header(http, "X-RateLimit-Remaining-Minute"));
        Assert.Equal(limit, Header(http, "RateLimit-Limit"));
        Assert.Equal(remaining, Header(http, "RateLimit-Remaining"));
        Assert.Equal(reset, Header(http, "RateLimit-Reset"));
    }
}
