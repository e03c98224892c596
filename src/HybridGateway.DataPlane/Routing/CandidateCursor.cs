using System.Collections.Immutable;

namespace HybridGateway.DataPlane.Routing;

/// <summary>A position in one priority-sorted source of candidates (a trie node's array or a host group's list).</summary>
internal struct CandidateCursor
{
    private readonly Candidate[]? _array;
    private readonly ImmutableList<Candidate>? _list;
    private readonly int _count;
    private int _index;

    public CandidateCursor(Candidate[] array)
    {
        _array = array;
        _count = array.Length;
        Current = array[0];
    }

    public CandidateCursor(ImmutableList<Candidate> list)
    {
        _list = list;
        _count = list.Count;
        Current = list[0];
    }

    /// <summary>The candidate at the cursor; null once the source is exhausted.</summary>
    public Candidate? Current { get; private set; }

    public void Advance()
    {
        _index++;
        Current = _index >= _count ? null : _array is not null ? _array[_index] : _list![_index];
    }
}
