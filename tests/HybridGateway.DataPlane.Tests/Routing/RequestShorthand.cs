using HybridGateway.DataPlane.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HybridGateway.DataPlane.Tests.Routing;

/// <summary>Requests written on one line: <c>GET host[:port] /path name=value … sni=server.name</c>.
/// The port defaults to 80, a host of "-" means none, and a header repeated gets several values.</summary>
internal static class RequestShorthand
{
    public static RouteRequest Parse(string spec)
    {
        var tokens = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (host, port) = SplitHost(tokens[1]);
        var headers = new HeaderDictionary();
        string? sni = null;
        foreach (var token in tokens.Skip(3))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var name = token[..equals];
            var value = token[(equals + 1)..];
            if (name == "sni")
            {
                sni = value;
                continue;
            }
            headers[name] = headers.TryGetValue(name, out var existing) ? StringValues.Concat(existing, value) : new StringValues(value);
        }
        return new RouteRequest(tokens[0], host, port, tokens[2], headers, sni);
    }

    private static (string Host, int Port) SplitHost(string text)
    {
        if (text == "-")
        {
            return ("", 80);
        }
        var colon = text.LastIndexOf(':');
        var close = text.LastIndexOf(']');
        return colon > close ? (text[..colon], int.Parse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture)) : (text, 80);
    }
}
