using System.Collections.Immutable;

namespace HybridGateway.DataPlane.Routing;

/// <summary>Merges several priority-sorted candidate sources lazily, yielding candidates best first, so the
/// first candidate that matches is the route Kong would pick and the rest are never looked at.</summary>
internal ref struct CandidateMerger
{
    private Span<CandidateCursor> _cursors;
    private int _count;

    public CandidateMerger(Span<CandidateCursor> storage)
    {
        _cursors = storage;
        _count = 0;
    }

    public void Add(Candidate[] candidates)
    {
        if (candidates.Length > 0)
        {
            Push(new CandidateCursor(candidates));
        }
    }

    public void Add(ImmutableList<Candidate> candidates)
    {
        if (!candidates.IsEmpty)
        {
            Push(new CandidateCursor(candidates));
        }
    }

    /// <summary>The best candidate not yet returned; null when all sources are exhausted.</summary>
    public Candidate? Next()
    {
        var best = -1;
        Candidate? bestCandidate = null;
        for (var i = 0; i < _count; i++)
        {
            var current = _cursors[i].Current!;
            if (bestCandidate is null || CandidateOrder.Instance.Compare(current, bestCandidate) < 0)
            {
                best = i;
                bestCandidate = current;
            }
        }
        if (best < 0)
        {
            return null;
        }
        _cursors[best].Advance();
        if (_cursors[best].Current is null)
        {
            // Sources are compared by their heads only, so their order in the buffer does not matter.
            _cursors[best] = _cursors[--_count];
        }
        return bestCandidate;
    }

    private void Push(CandidateCursor cursor)
    {
        if (_count == _cursors.Length)
        {
            // Only a path with more route prefixes than the stack buffer holds gets here.
            var larger = new CandidateCursor[_cursors.Length * 2];
            _cursors.CopyTo(larger);
            _cursors = larger;
        }
        _cursors[_count++] = cursor;
    }
}
