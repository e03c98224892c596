using System.Text.Json.Nodes;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Input;
using HybridGateway.Configuration.State;

namespace HybridGateway.Configuration.Tests.Support;

/// <summary>Reads an entity as the Admin API does, then runs the entity rules on it and returns what they say.</summary>
public static class EntityChecks
{
    /// <summary>A resolver over an empty config: every reference by name is unresolved.</summary>
    public static IReferenceResolver NoNames { get; } = new StateReferenceResolver(ConfigState.Empty);

    public static ConfigEntity Read(EntityKind kind, JsonObject body)
    {
        var result = TestConfig.Reader.Read(kind, body, NoNames);
        Assert.True(result.Success, "read failed: " + string.Join("; ", result.Errors.Describe()));
        return result.Entity!;
    }

    public static ConfigEntity Read(EntityKind kind, string json) => Read(kind, TestConfig.Obj(json));

    /// <summary>The "path: message" lines that kept <paramref name="json"/> from being read; the test fails if it was read.</summary>
    public static string[] ReadErrors(EntityKind kind, string json)
    {
        var result = TestConfig.Reader.Read(kind, TestConfig.Obj(json), NoNames);
        Assert.False(result.Success, "read succeeded: " + json);
        Assert.False(result.Errors.IsEmpty);
        return result.Errors.Describe().ToArray();
    }

    /// <summary>The "path: message" lines of the entity rules for <paramref name="json"/> laid over <paramref name="baseJson"/>.</summary>
    public static string[] Errors(EntityKind kind, string json, string? baseJson = null) =>
        Errors(kind, Merge(baseJson, json));

    public static string[] Errors(EntityKind kind, JsonObject body) =>
        TestConfig.Validation.Validate(kind, Read(kind, body)).Describe().ToArray();

    /// <summary>Exactly one error, at <paramref name="path"/>, whose message contains <paramref name="fragment"/>.</summary>
    public static void AssertOnlyError(IReadOnlyList<string> errors, string path, string fragment)
    {
        var line = Assert.Single(errors);
        Assert.StartsWith(path + ": ", line, StringComparison.Ordinal);
        Assert.Contains(fragment, line, StringComparison.Ordinal);
    }

    public static JsonObject Merge(string? baseJson, string json)
    {
        var result = baseJson is null ? new JsonObject() : TestConfig.Obj(baseJson);
        foreach (var (key, value) in TestConfig.Obj(json))
        {
            result[key] = value?.DeepClone();
        }
        return result;
    }
}
