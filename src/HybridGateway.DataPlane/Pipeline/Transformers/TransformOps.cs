namespace HybridGateway.DataPlane.Pipeline.Transformers;

/// <summary>One target's operations (headers, query string or body), in Kong's order: remove, rename, replace, add, append.</summary>
public sealed record TransformOps(
    string[] Remove,
    (string From, string To)[] Rename,
    (string Name, TransformTemplate Value)[] Replace,
    (string Name, TransformTemplate Value)[] Add,
    (string Name, TransformTemplate Value)[] Append)
{
    public bool IsEmpty => Remove.Length + Rename.Length + Replace.Length + Add.Length + Append.Length == 0;

    /// <summary>Whether these operations create values where there were none (a body may be made for them).</summary>
    public bool Creates => Add.Length + Append.Length > 0;

    public static TransformOps Of(
        IReadOnlyList<string> remove, IReadOnlyList<string> rename, IReadOnlyList<string> replace, IReadOnlyList<string> add, IReadOnlyList<string> append, List<string> errors) =>
        new([.. remove],
            TransformPairs.Split(rename),
            TransformPairs.Templates(replace, errors),
            TransformPairs.Templates(add, errors),
            TransformPairs.Templates(append, errors));

    /// <summary>Runs the operations against any named collection.</summary>
    public void Apply(PluginRequest request, INamed target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var name in Remove)
        {
            target.Remove(name);
        }
        foreach (var (from, to) in Rename)
        {
            target.Rename(from, to);
        }
        foreach (var (name, value) in Replace)
        {
            target.Replace(name, value.Render(request));
        }
        foreach (var (name, value) in Add)
        {
            target.Add(name, value.Render(request));
        }
        foreach (var (name, value) in Append)
        {
            target.Append(name, value.Render(request));
        }
    }

    /// <summary>What the operations act on: headers, a query string, a form or a JSON body.</summary>
    public interface INamed
    {
        void Remove(string name);

        void Rename(string from, string to);

        void Replace(string name, string value);

        void Add(string name, string value);

        void Append(string name, string value);
    }
}
