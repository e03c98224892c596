namespace HybridGateway.DataPlane.Routing;

/// <summary>Copy-on-write edits of the small priority-sorted arrays held by prefix trie nodes.</summary>
internal static class SortedCandidates
{
    public static Candidate[] Insert(Candidate[] candidates, Candidate candidate)
    {
        var index = Array.BinarySearch(candidates, candidate, CandidateOrder.Instance);
        if (index < 0)
        {
            index = ~index;
        }
        var result = new Candidate[candidates.Length + 1];
        Array.Copy(candidates, result, index);
        result[index] = candidate;
        Array.Copy(candidates, index, result, index + 1, candidates.Length - index);
        return result;
    }

    /// <summary>The array without <paramref name="candidate"/>; the same array when it is not there.</summary>
    public static Candidate[] Remove(Candidate[] candidates, Candidate candidate)
    {
        var index = Array.IndexOf(candidates, candidate);
        if (index < 0)
        {
            return candidates;
        }
        if (candidates.Length == 1)
        {
            return [];
        }
        var result = new Candidate[candidates.Length - 1];
        Array.Copy(candidates, result, index);
        Array.Copy(candidates, index + 1, result, index, candidates.Length - index - 1);
        return result;
    }
}
