using System.Text.Json.Nodes;

namespace HybridGateway.DataPlane.Pipeline.Transformers;

/// <summary>Request headers under the transformer's operations.</summary>
public sealed class HeaderTarget(IHeaderDictionary headers) : TransformOps.INamed
{
    public void Remove(string name) => headers.Remove(name);

    public void Rename(string from, string to)
    {
        if (headers.TryGetValue(from, out var values))
        {
            headers.Remove(from);
            headers[to] = values;
        }
    }

    public void Replace(string name, string value)
    {
        if (headers.ContainsKey(name))
        {
            headers[name] = value;
        }
    }

    public void Add(string name, string value)
    {
        if (!headers.ContainsKey(name))
        {
            headers[name] = value;
        }
    }

    public void Append(string name, string value) => headers.Append(name, value);
}

/// <summary>A JSON object body's top-level fields under the transformer's operations; new values are strings, as Kong's.</summary>
public sealed class JsonTarget(JsonObject body) : TransformOps.INamed
{
    public bool Changed { get; private set; }

    public void Remove(string name) => Changed |= body.Remove(name);

    public void Rename(string from, string to)
    {
        if (body.Remove(from, out var value))
        {
            body[to] = value;
            Changed = true;
        }
    }

    public void Replace(string name, string value)
    {
        if (body.ContainsKey(name))
        {
            body[name] = value;
            Changed = true;
        }
    }

    public void Add(string name, string value)
    {
        if (!body.ContainsKey(name))
        {
            body[name] = value;
            Changed = true;
        }
    }

    public void Append(string name, string value)
    {
        body[name] = body[name] switch
        {
            null => JsonValue.Create(value),
            JsonArray list => Appended(list, value),
            var single => new JsonArray(single.DeepClone(), value),
        };
        Changed = true;
    }

    private static JsonArray Appended(JsonArray list, string value)
    {
        var copy = (JsonArray)list.DeepClone();
        copy.Add(value);
        return copy;
    }
}
