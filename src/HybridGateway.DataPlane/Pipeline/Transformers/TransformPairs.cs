namespace HybridGateway.DataPlane.Pipeline.Transformers;

/// <summary>A transformer's entries, split once when the config is applied: "name" or "name:value" (value a template).</summary>
public static class TransformPairs
{
    public static (string Name, string Value)[] Split(IEnumerable<string> entries) =>
        entries.Select(e => e.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? (e[..colon], e[(colon + 1)..]) : (e, "")).ToArray();

    public static (string Name, TransformTemplate Value)[] Literals(IEnumerable<string> entries) =>
        Split(entries).Select(p => (p.Name, TransformTemplate.Literal(p.Value))).ToArray();

    public static (string Name, TransformTemplate Value)[] Templates(IEnumerable<string> entries, List<string> errors) =>
        Split(entries).Select(p =>
        {
            var template = TransformTemplate.Parse(p.Value, out var error);
            if (error is not null)
            {
                errors.Add(error);
            }
            return (p.Name, template);
        }).ToArray();
}
