namespace HybridGateway.DataPlane.Routing;

/// <summary>An immutable, path-compressed prefix trie of plain route paths. Edits copy only the nodes on the
/// way to the changed key, so an older trie stays valid for the readers still using it.</summary>
/// <remarks>
/// Each node holds its whole key, so a node left with no candidates and a single child can simply be
/// replaced by that child. Children are ordered by the character that follows the parent's key.
/// </remarks>
internal sealed class PrefixTrieNode
{
    private readonly PrefixTrieNode[] _children;

    private PrefixTrieNode(string key, Candidate[] candidates, PrefixTrieNode[] children)
    {
        Key = key;
        Candidates = candidates;
        _children = children;
    }

    /// <summary>The path prefix this node stands for.</summary>
    public string Key { get; }

    /// <summary>The candidates whose plain path is exactly <see cref="Key"/>, in priority order.</summary>
    public Candidate[] Candidates { get; }

    public static PrefixTrieNode Create(Candidate candidate) => new(candidate.PlainPath!, [candidate], []);

    public PrefixTrieNode Add(Candidate candidate) => Add(candidate.PlainPath!, candidate);

    /// <summary>The trie without <paramref name="candidate"/>; null when nothing is left.</summary>
    public PrefixTrieNode? Remove(Candidate candidate) => Remove(candidate.PlainPath!, candidate);

    /// <summary>Hands the merger every candidate array whose key is a prefix of <paramref name="path"/>.</summary>
    public void Collect(string path, ref CandidateMerger merger)
    {
        var node = this;
        var verified = 0;
        while (path.AsSpan(verified).StartsWith(node.Key.AsSpan(verified)))
        {
            if (node.Candidates.Length > 0)
            {
                merger.Add(node.Candidates);
            }
            verified = node.Key.Length;
            if (path.Length == verified)
            {
                return;
            }
            var index = node.FindChild(path[verified]);
            if (index < 0)
            {
                return;
            }
            node = node._children[index];
        }
    }

    private PrefixTrieNode Add(string key, Candidate candidate)
    {
        var common = CommonPrefixLength(Key, key);
        if (common < Key.Length)
        {
            // The new key branches off above this node: a new node at the branch point holds both.
            if (common == key.Length)
            {
                return new PrefixTrieNode(key, [candidate], [this]);
            }
            var leaf = new PrefixTrieNode(key, [candidate], []);
            PrefixTrieNode[] pair = Key[common] < key[common] ? [this, leaf] : [leaf, this];
            return new PrefixTrieNode(key[..common], [], pair);
        }
        if (key.Length == Key.Length)
        {
            return new PrefixTrieNode(Key, SortedCandidates.Insert(Candidates, candidate), _children);
        }
        var index = FindChild(key[Key.Length]);
        return index < 0
            ? new PrefixTrieNode(Key, Candidates, Inserted(~index, new PrefixTrieNode(key, [candidate], [])))
            : new PrefixTrieNode(Key, Candidates, Replaced(index, _children[index].Add(key, candidate)));
    }

    private PrefixTrieNode? Remove(string key, Candidate candidate)
    {
        if (!key.StartsWith(Key, StringComparison.Ordinal))
        {
            return this;
        }
        if (key.Length == Key.Length)
        {
            var remaining = SortedCandidates.Remove(Candidates, candidate);
            return ReferenceEquals(remaining, Candidates) ? this : Rebuild(remaining, _children);
        }
        var index = FindChild(key[Key.Length]);
        if (index < 0)
        {
            return this;
        }
        var child = _children[index];
        var updated = child.Remove(key, candidate);
        if (ReferenceEquals(updated, child))
        {
            return this;
        }
        return Rebuild(Candidates, updated is null ? Removed(index) : Replaced(index, updated));
    }

    private PrefixTrieNode? Rebuild(Candidate[] candidates, PrefixTrieNode[] children)
    {
        if (candidates.Length > 0)
        {
            return new PrefixTrieNode(Key, candidates, children);
        }
        return children.Length switch
        {
            0 => null,
            1 => children[0],
            _ => new PrefixTrieNode(Key, candidates, children),
        };
    }

    private int FindChild(char next)
    {
        var offset = Key.Length;
        var low = 0;
        var high = _children.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var found = _children[middle].Key[offset];
            if (found == next)
            {
                return middle;
            }
            if (found < next)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return ~low;
    }

    private PrefixTrieNode[] Inserted(int index, PrefixTrieNode child)
    {
        var result = new PrefixTrieNode[_children.Length + 1];
        Array.Copy(_children, result, index);
        result[index] = child;
        Array.Copy(_children, index, result, index + 1, _children.Length - index);
        return result;
    }

    private PrefixTrieNode[] Replaced(int index, PrefixTrieNode child)
    {
        var result = (PrefixTrieNode[])_children.Clone();
        result[index] = child;
        return result;
    }

    private PrefixTrieNode[] Removed(int index)
    {
        var result = new PrefixTrieNode[_children.Length - 1];
        Array.Copy(_children, result, index);
        Array.Copy(_children, index + 1, result, index, _children.Length - index - 1);
        return result;
    }

    private static int CommonPrefixLength(string a, string b) => a.AsSpan().CommonPrefixLength(b);
}
