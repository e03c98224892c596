using System.Collections.Immutable;

namespace HybridGateway.DataPlane.Routing;

/// <summary>The candidates filed under one host (or under "no host"): a prefix trie of plain paths, and the
/// regex and path-less candidates in priority order. Immutable; edits return a new group.</summary>
internal sealed class HostGroup
{
    public static readonly HostGroup Empty = new(null, []);

    private readonly PrefixTrieNode? _plainPaths;

    // An AVL-backed list, so an edit costs log n rather than a copy of every regex route on the host.
    private readonly ImmutableList<Candidate> _others;

    private HostGroup(PrefixTrieNode? plainPaths, ImmutableList<Candidate> others)
    {
        _plainPaths = plainPaths;
        _others = others;
    }

    public bool IsEmpty => _plainPaths is null && _others.IsEmpty;

    public HostGroup Add(Candidate candidate)
    {
        if (candidate.PathKind == PathKind.Plain)
        {
            return new HostGroup(_plainPaths is null ? PrefixTrieNode.Create(candidate) : _plainPaths.Add(candidate), _others);
        }
        var index = _others.BinarySearch(candidate, CandidateOrder.Instance);
        return new HostGroup(_plainPaths, _others.Insert(index < 0 ? ~index : index, candidate));
    }

    public HostGroup Remove(Candidate candidate)
    {
        if (candidate.PathKind == PathKind.Plain)
        {
            return _plainPaths is null ? this : new HostGroup(_plainPaths.Remove(candidate), _others);
        }
        var index = _others.BinarySearch(candidate, CandidateOrder.Instance);
        return index >= 0 && ReferenceEquals(_others[index], candidate)
            ? new HostGroup(_plainPaths, _others.RemoveAt(index))
            : this;
    }

    public void Collect(string path, ref CandidateMerger merger)
    {
        if (!_others.IsEmpty)
        {
            merger.Add(_others);
        }
        _plainPaths?.Collect(path, ref merger);
    }
}
