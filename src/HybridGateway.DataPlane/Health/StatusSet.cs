namespace HybridGateway.DataPlane.Health;

/// <summary>A set of HTTP status codes (100 to 999) with a lookup that is one array read.</summary>
public sealed class StatusSet
{
    private readonly bool[] _members = new bool[1000];

    public StatusSet(IEnumerable<int> statuses)
    {
        foreach (var status in statuses)
        {
            if (status is >= 0 and < 1000)
            {
                _members[status] = true;
            }
        }
    }

    public bool Contains(int status) => (uint)status < 1000 && _members[status];
}
