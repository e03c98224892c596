using System.Text;

namespace HybridGateway.DataPlane.Pipeline.Transformers;

/// <summary>
/// An ordered list of name/value pairs (a query string or a form body) under request-transformer's
/// operations, in Kong's meaning: remove drops every value; rename moves them; replace changes
/// existing ones only; add sets absent ones only; append adds one more.
/// </summary>
public sealed class NamedValues : TransformOps.INamed
{
    private readonly List<(string Name, string? Value)> _pairs;

    private NamedValues(List<(string, string?)> pairs) => _pairs = pairs;

    public bool Changed { get; private set; }

    /// <summary>The pairs, decoded; a name without '=' has a null value.</summary>
    public IReadOnlyList<(string Name, string? Value)> Pairs => _pairs;

    public static NamedValues Parse(string encoded)
    {
        var pairs = new List<(string, string?)>();
        foreach (var raw in encoded.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = raw.IndexOf('=', StringComparison.Ordinal);
            pairs.Add(equals < 0 ? (Decode(raw), null) : (Decode(raw[..equals]), Decode(raw[(equals + 1)..])));
        }
        return new NamedValues(pairs);
    }

    public bool Has(string name) => _pairs.Exists(p => p.Name == name);

    public void Remove(string name) => Changed |= _pairs.RemoveAll(p => p.Name == name) > 0;

    public void Rename(string from, string to)
    {
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (_pairs[i].Name == from)
            {
                _pairs[i] = (to, _pairs[i].Value);
                Changed = true;
            }
        }
    }

    public void Replace(string name, string value)
    {
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (_pairs[i].Name == name)
            {
                _pairs[i] = (name, value);
                Changed = true;
            }
        }
    }

    public void Add(string name, string value)
    {
        if (!Has(name))
        {
            Append(name, value);
        }
    }

    public void Append(string name, string value)
    {
        _pairs.Add((name, value));
        Changed = true;
    }

    /// <summary>Form-encoded, without a leading '?'.</summary>
    public string Encode()
    {
        var text = new StringBuilder();
        foreach (var (name, value) in _pairs)
        {
            text.Append(text.Length > 0 ? "&" : "").Append(Uri.EscapeDataString(name));
            if (value is not null)
            {
                text.Append('=').Append(Uri.EscapeDataString(value));
            }
        }
        return text.ToString();
    }

    private static string Decode(string part) => Uri.UnescapeDataString(part.Replace('+', ' '));
}
