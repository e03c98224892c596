using System.Globalization;
using HybridGateway.Configuration.Entities;

namespace HybridGateway.DataPlane.Tests.Routing;

/// <summary>Routes written on one line for test tables:
/// <c>name hosts=a.com,*.b.com paths=/x,~/y methods=GET snis=a.com h:x-env=prod h:x-env=dev rp=5 created=10 id=3 protocols=https</c>.
/// Repeating <c>h:name=value</c> lists more values for that header. Unless given, created_at is 1000 and the
/// id is the route's position in its table (1-based).</summary>
internal static class RouteShorthand
{
    public const long DefaultCreatedAt = 1000;

    public static Route[] ParseAll(IReadOnlyList<string> specs)
    {
        var routes = new Route[specs.Count];
        for (var i = 0; i < specs.Count; i++)
        {
            routes[i] = Parse(specs[i], i + 1);
        }
        return routes;
    }

    public static Route Parse(string spec, int position)
    {
        var tokens = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var route = new Route { Name = tokens[0], Id = IdOf(position), CreatedAt = DefaultCreatedAt };
        var headers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var token in tokens.Skip(1))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var key = token[..equals];
            var value = token[(equals + 1)..];
            if (key.StartsWith("h:", StringComparison.Ordinal))
            {
                var name = key[2..];
                if (!headers.TryGetValue(name, out var values))
                {
                    headers[name] = values = [];
                }
                values.Add(value);
                continue;
            }
            route = key switch
            {
                "hosts" => route with { Hosts = value.Split(',') },
                "paths" => route with { Paths = value.Split(',') },
                "methods" => route with { Methods = value.Split(',') },
                "snis" => route with { Snis = value.Split(',') },
                "protocols" => route with { Protocols = value.Split(',') },
                "rp" => route with { RegexPriority = int.Parse(value, CultureInfo.InvariantCulture) },
                "created" => route with { CreatedAt = long.Parse(value, CultureInfo.InvariantCulture) },
                "id" => route with { Id = IdOf(int.Parse(value, CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException("unknown route shorthand key: " + key),
            };
        }
        return headers.Count == 0
            ? route
            : route with { Headers = headers.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value) };
    }

    public static Guid IdOf(int number) => new(number, 0, 0, new byte[8]);
}
