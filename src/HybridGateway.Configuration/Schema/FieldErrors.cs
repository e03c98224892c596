using System.Text.Json.Nodes;

namespace HybridGateway.Configuration.Schema;

/// <summary>A tree of field errors in Kong's shape: field name to message, or to the errors of a nested record.</summary>
public sealed class FieldErrors
{
    private readonly SortedDictionary<string, object> _entries = new(StringComparer.Ordinal);

    public bool IsEmpty => _entries.Count == 0;

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var value in _entries.Values)
            {
                count += value is FieldErrors child ? child.Count : 1;
            }
            return count;
        }
    }

    public void Add(string field, string message)
    {
        if (_entries.TryGetValue(field, out var existing))
        {
            if (existing is string text && !text.Contains(message, StringComparison.Ordinal))
            {
                _entries[field] = text + "; " + message;
            }
            return;
        }
        _entries[field] = message;
    }

    /// <summary>
    /// The errors of a nested record or list element, created on first use. A field that already
    /// has a message keeps it: the returned child is then detached, so details cannot replace it.
    /// </summary>
    public FieldErrors Child(string field)
    {
        if (_entries.TryGetValue(field, out var existing))
        {
            return existing as FieldErrors ?? new FieldErrors();
        }
        var child = new FieldErrors();
        _entries[field] = child;
        return child;
    }

    public void Merge(FieldErrors other)
    {
        foreach (var (key, value) in other._entries)
        {
            if (value is FieldErrors nested)
            {
                Child(key).Merge(nested);
            }
            else
            {
                Add(key, (string)value);
            }
        }
    }

    /// <summary>Removes empty nested records, so a child asked for but never filled leaves no trace.</summary>
    public void Prune()
    {
        foreach (var key in _entries.Keys.ToArray())
        {
            if (_entries[key] is FieldErrors child)
            {
                child.Prune();
                if (child.IsEmpty)
                {
                    _entries.Remove(key);
                }
            }
        }
    }

    public JsonObject ToJson()
    {
        var result = new JsonObject();
        foreach (var (key, value) in _entries)
        {
            result[key] = value is FieldErrors child ? child.ToJson() : JsonValue.Create((string)value);
        }
        return result;
    }

    /// <summary>Every error as "path: message", in a stable order.</summary>
    public IEnumerable<string> Describe(string prefix = "")
    {
        foreach (var (key, value) in _entries)
        {
            var path = prefix.Length == 0 ? key : prefix + "." + key;
            if (value is FieldErrors child)
            {
                foreach (var line in child.Describe(path))
                {
                    yield return line;
                }
            }
            else
            {
                yield return path + ": " + (string)value;
            }
        }
    }
}
