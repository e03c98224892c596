using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HybridGateway.FunctionalTests.Support;

namespace HybridGateway.FunctionalTests.ControlPlane;

/// <summary>
/// More than a hundred hostile Admin API inputs: strings PostgreSQL would refuse or that would not
/// read back the same, names a URL cannot address, header names with line breaks, oversized values,
/// duplicate keys, invalid UTF-8, malformed bodies. Each is a 4xx, none a 500, and none is stored.
/// </summary>
public sealed class HostileAdminInputTests(ControlPlaneFixture fixture) : IClassFixture<ControlPlaneFixture>
{
    /// <summary>Raw JSON string literals (escapes as a client sends them).</summary>
    private static readonly (string Kind, string Json)[] HostileStrings =
    [
        ("nul", "\"a\\u0000b\""),
        ("lone-high-surrogate", "\"a\\ud800b\""),
        ("lone-low-surrogate", "\"a\\udc00b\""),
        ("control", "\"a\\u0001b\""),
        ("escape", "\"\\u001b[31mred\""),
        ("delete", "\"a\\u007fb\""),
        ("huge", "\"" + new string('n', 200_000) + "\""),
    ];

    /// <summary>Where a string goes: (path, body template with @ for the string).</summary>
    private static readonly (string Path, string Template)[] StringFields =
    [
        ("/services", """{"name":@,"host":"example.com"}"""),
        ("/services", """{"host":@}"""),
        ("/services", """{"host":"example.com","path":@}"""),
        ("/services", """{"host":"example.com","tags":[@]}"""),
        ("/services/hostile-base/routes", """{"name":@,"paths":["/x"]}"""),
        ("/services/hostile-base/routes", """{"paths":[@]}"""),
        ("/services/hostile-base/routes", """{"hosts":[@]}"""),
        ("/services/hostile-base/routes", """{"paths":["/h"],"headers":{"x-h":[@]}}"""),
        ("/consumers", """{"username":@}"""),
        ("/consumers", """{"custom_id":@}"""),
        ("/consumers/hostile-consumer/key-auth", """{"key":@}"""),
        ("/plugins", """{"name":"key-auth","config":{"key_names":[@]}}"""),
        ("/plugins", """{"name":"request-termination","config":{"message":@}}"""),
        ("/upstreams", """{"name":@}"""),
        ("/plugins", """{"name":"correlation-id","instance_name":@}"""),
    ];

    public static IEnumerable<object[]> Cases()
    {
        foreach (var (path, template) in StringFields)
        {
            foreach (var (kind, json) in HostileStrings)
            {
                yield return [kind + " in " + path + " " + template.Split('@')[0].TrimEnd(':', '"', '[', '{').Split('"').Last(), "POST", path, "application/json", Encoding.UTF8.GetBytes(template.Replace("@", json, StringComparison.Ordinal))];
            }
        }
        // Names that a URL could not address, or that Kong's name rule refuses.
        foreach (var name in new[] { "a/b", "a%2fb", "..%2f..", "a?b", "a#b", "a b", "a\\r\\nb", "" })
        {
            yield return ["service name '" + name + "'", "POST", "/services", "application/json", Encoding.UTF8.GetBytes("{\"name\":\"" + name + "\",\"host\":\"example.com\"}")];
            yield return ["route name '" + name + "'", "POST", "/services/hostile-base/routes", "application/json", Encoding.UTF8.GetBytes("{\"name\":\"" + name + "\",\"paths\":[\"/n\"]}")];
        }
        foreach (var name in new[] { "a/b", "a%2fb", "..%2f..", "a?b", "a#b", "a\\r\\nb" })
        {
            yield return ["username '" + name + "' by POST", "POST", "/consumers", "application/json", Encoding.UTF8.GetBytes("{\"username\":\"" + name + "\"}")];
            if (name.Contains('\\', StringComparison.Ordinal))
            {
                continue; // by PUT, the name is the URL's, where these are only backslashes
            }
            yield return ["username '" + name + "' by PUT", "PUT", "/consumers/by-put-" + Uri.EscapeDataString(name), "application/json", Encoding.UTF8.GetBytes("{\"username\":\"" + name + "\"}")];
        }
        // Header names with line breaks or separators.
        foreach (var header in new[] { "x-a\\r\\nx-b", "x a", "x:a", "x\\u0000a", "" })
        {
            yield return ["route header '" + header + "'", "POST", "/services/hostile-base/routes", "application/json", Encoding.UTF8.GetBytes("{\"paths\":[\"/h2\"],\"headers\":{\"" + header + "\":[\"v\"]}}")];
        }
        // Oversized paths and regexes.
        yield return ["2k path", "POST", "/services/hostile-base/routes", "application/json", Encoding.UTF8.GetBytes("{\"paths\":[\"/" + new string('p', 2000) + "\"]}")];
        yield return ["200k regex", "POST", "/services/hostile-base/routes", "application/json", Encoding.UTF8.GetBytes("{\"paths\":[\"~/" + string.Concat(Enumerable.Repeat("(a|b)", 40_000)) + "\"]}")];
        yield return ["backtracking regex", "POST", "/services/hostile-base/routes", "application/json", Encoding.UTF8.GetBytes("{\"paths\":[\"~/(a)\\\\1\"]}")];
        // Bodies that are not what they claim.
        yield return ["duplicate keys", "POST", "/services", "application/json", Encoding.UTF8.GetBytes("{\"host\":\"a.com\",\"host\":\"b.com\"}")];
        yield return ["duplicate nested keys", "POST", "/plugins", "application/json", Encoding.UTF8.GetBytes("{\"name\":\"key-auth\",\"config\":{\"key_names\":[\"a\"],\"key_names\":[\"b\"]}}")];
        yield return ["invalid UTF-8 in JSON", "POST", "/services", "application/json", Raw("{\"host\":\"caf", [0xC3, 0x28], "\"}")];
        yield return ["invalid UTF-8 in JSON name", "POST", "/consumers", "application/json", Raw("{\"username\":\"x", [0xFF], "\"}")];
        yield return ["overlong UTF-8", "POST", "/consumers", "application/json", Raw("{\"username\":\"", [0xC0, 0xAF], "\"}")];
        yield return ["invalid UTF-8 in a form", "POST", "/consumers", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("username=caf%C3%28")];
        yield return ["raw invalid UTF-8 in a form", "POST", "/consumers", "application/x-www-form-urlencoded", Raw("username=x", [0xFE], "")];
        yield return ["NUL in a form", "POST", "/consumers", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("username=a%00b")];
        yield return ["truncated JSON", "POST", "/services", "application/json", Encoding.UTF8.GetBytes("{\"host\":\"example.com\"")];
        yield return ["JSON array", "POST", "/services", "application/json", Encoding.UTF8.GetBytes("[{\"host\":\"example.com\"}]")];
        yield return ["JSON string", "POST", "/services", "application/json", Encoding.UTF8.GetBytes("\"example.com\"")];
        yield return ["deep JSON", "POST", "/services", "application/json", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + string.Concat(Enumerable.Repeat("}", 500)))];
        yield return ["number overflow", "POST", "/services", "application/json", Encoding.UTF8.GetBytes("{\"host\":\"example.com\",\"port\":1e309}")];
        yield return ["huge integer", "POST", "/services", "application/json", Encoding.UTF8.GetBytes("{\"host\":\"example.com\",\"retries\":99999999999999999999999}")];
        yield return ["negative port", "POST", "/services", "application/json", Encoding.UTF8.GetBytes("{\"host\":\"example.com\",\"port\":-1}")];
        yield return ["fractional port", "POST", "/services", "application/json", Encoding.UTF8.GetBytes("{\"host\":\"example.com\",\"port\":80.5}")];
        yield return ["null required", "POST", "/services", "application/json", Encoding.UTF8.GetBytes("{\"host\":null}")];
        yield return ["XML body", "POST", "/services", "application/xml", Encoding.UTF8.GetBytes("<service><host>example.com</host></service>")];
        yield return ["image body", "POST", "/services", "image/png", Raw("", [0x89, 0x50, 0x4E, 0x47], "")];
        yield return ["id not a UUID", "POST", "/services", "application/json", Encoding.UTF8.GetBytes("{\"id\":\"../../etc\",\"host\":\"example.com\"}")];
        yield return ["service ref not a UUID", "POST", "/routes", "application/json", Encoding.UTF8.GetBytes("{\"paths\":[\"/r\"],\"service\":{\"id\":\"nope\"}}")];
        yield return ["unknown plugin", "POST", "/plugins", "application/json", Encoding.UTF8.GetBytes("{\"name\":\"no-such-plugin\"}")];
        yield return ["plugin config not a record", "POST", "/plugins", "application/json", Encoding.UTF8.GetBytes("{\"name\":\"key-auth\",\"config\":\"x\"}")];
        yield return ["lua in http-log", "POST", "/plugins", "application/json", Encoding.UTF8.GetBytes("{\"name\":\"http-log\",\"config\":{\"http_endpoint\":\"http://x\",\"custom_fields_by_lua\":{\"a\":\"os.exit()\"}}}")];
        yield return ["file-log path with backtick", "POST", "/plugins", "application/json", Encoding.UTF8.GetBytes("{\"name\":\"file-log\",\"config\":{\"path\":\"/tmp/`reboot`\"}}")];
    }

    private static byte[] Raw(string before, byte[] bytes, string after) => [.. Encoding.UTF8.GetBytes(before), .. bytes, .. Encoding.UTF8.GetBytes(after)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileInput_IsA4xx_NeverA500_AndNothingIsStored(string what, string method, string path, string contentType, byte[] body)
    {
        await EnsureBasesAsync();
        var before = await fixture.Admin.ConfigVersionAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var reply = await fixture.Admin.SendAsync(request);
        var text = await reply.Content.ReadAsStringAsync();

        Assert.True((int)reply.StatusCode is >= 400 and < 500, what + ": " + (int)reply.StatusCode + " " + (text.Length > 300 ? text[..300] : text));
        Assert.Equal(before, await fixture.Admin.ConfigVersionAsync());
    }

    [Fact]
    public void TheTable_HasMoreThanAHundredInputs() => Assert.True(Cases().Count() > 100, Cases().Count() + " cases");

    private async Task EnsureBasesAsync()
    {
        if ((await fixture.Admin.GetJson("/services/hostile-base")).Status == HttpStatusCode.NotFound)
        {
            await fixture.Admin.PutJson("/services/hostile-base", new { host = "example.com" });
        }
        if ((await fixture.Admin.GetJson("/consumers/hostile-consumer")).Status == HttpStatusCode.NotFound)
        {
            await fixture.Admin.PutJson("/consumers/hostile-consumer", new { });
        }
    }
}
