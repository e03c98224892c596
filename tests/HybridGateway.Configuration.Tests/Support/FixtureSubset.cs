using System.Text.Json.Nodes;
using HybridGateway.Configuration.Declarative;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Tests.Support;

/// <summary>
/// "Exports back equivalent": every entity a file declares is in the export, of the same kind and
/// with every value the file gave it, and no entity is added. Only documented rewrites are allowed:
/// secrets come back as hashes, a service url as its parts, a target gains its default port, and
/// references may be nested instead of named.
/// </summary>
public static class FixtureSubset
{
    private static readonly HashSet<string> Rewritten = ["key", "password", "url", "service", "route", "consumer", "upstream", "certificate"];

    public static void AssertContained(JsonObject fixture, JsonObject exported)
    {
        var declared = DeclarativeReader.Flatten(fixture, new FieldErrors());
        var actual = DeclarativeReader.Flatten(exported, new FieldErrors());
        Assert.Equal(
            declared.GroupBy(d => d.Kind.Name).ToDictionary(g => g.Key, g => g.Count()),
            actual.GroupBy(d => d.Kind.Name).ToDictionary(g => g.Key, g => g.Count()));
        foreach (var entity in declared)
        {
            var found = actual.Any(candidate => candidate.Kind == entity.Kind && Contains(entity.Body, candidate.Body));
            Assert.True(found, "not exported back: " + entity.DisplayPath + " " + entity.Body.ToJsonString());
        }
    }

    private static bool Contains(JsonObject expected, JsonObject actual)
    {
        foreach (var (key, value) in expected)
        {
            if (Rewritten.Contains(key) || value is null)
            {
                continue;
            }
            var other = actual[key];
            var wanted = key == "target" ? WithDefaultPort(value) : value;
            if (!Equivalent(wanted, other))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Equivalent(JsonNode? expected, JsonNode? actual) => (expected, actual) switch
    {
        (null, _) => true,
        (JsonObject e, JsonObject a) => e.All(p => Equivalent(p.Value, a[p.Key])),
        (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(p => Equivalent(p.First, p.Second)),
        (JsonValue e, JsonValue a) when e.TryGetValue<double>(out var x) && a.TryGetValue<double>(out var y) => x.Equals(y),
        _ => JsonNode.DeepEquals(expected, actual),
    };

    private static JsonNode WithDefaultPort(JsonNode target)
    {
        var text = target.GetValue<string>();
        if (System.Net.IPAddress.TryParse(text, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return JsonValue.Create("[" + text + "]:8000");
        }
        return text.Contains(':', StringComparison.Ordinal) ? target : JsonValue.Create(text + ":8000");
    }
}
