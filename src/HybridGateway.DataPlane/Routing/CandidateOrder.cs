namespace HybridGateway.DataPlane.Routing;

/// <summary>Kong's traditional router priority, as a total order over candidates (first = tried first).</summary>
/// <remarks>
/// More fields set; exact host, then wildcard host, then none; more headers; regex paths (higher
/// regex_priority first), then plain paths (longer first), then no path; older created_at; then route id and
/// the candidate's position, so the order never depends on insertion order.
/// </remarks>
internal sealed class CandidateOrder : IComparer<Candidate>
{
    public static readonly CandidateOrder Instance = new();

    private CandidateOrder()
    {
    }

    public int Compare(Candidate? x, Candidate? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }
        var order = y.FieldCount.CompareTo(x.FieldCount);
        if (order == 0)
        {
            order = x.HostRank.CompareTo(y.HostRank);
        }
        if (order == 0)
        {
            order = y.HeaderCount.CompareTo(x.HeaderCount);
        }
        if (order == 0)
        {
            order = ((int)x.PathKind).CompareTo((int)y.PathKind); // as int: Enum.CompareTo(object) would box on every comparison
        }
        if (order == 0)
        {
            // Zero unless both are regex (for regex_priority) or both plain (for length).
            order = y.RegexPriority.CompareTo(x.RegexPriority);
        }
        if (order == 0)
        {
            order = y.PlainLength.CompareTo(x.PlainLength);
        }
        if (order == 0)
        {
            order = x.CreatedAt.CompareTo(y.CreatedAt);
        }
        if (order == 0)
        {
            order = x.RouteId.CompareTo(y.RouteId);
        }
        return order != 0 ? order : x.Ordinal.CompareTo(y.Ordinal);
    }
}
