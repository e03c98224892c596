using HybridGateway.Contracts.Sync.V1;

namespace HybridGateway.DataPlane.Sync;

/// <summary>
/// Gathers the chunks of one snapshot or delta (same nonce, indexes in order). Anything out of
/// order starts over, and the node asks for a snapshot.
/// </summary>
public sealed class ChunkAssembler
{
    private string? _nonce;
    private uint _expected;
    private readonly List<Resource> _resources = [];
    private readonly List<ResourceKey> _removals = [];

    public IReadOnlyList<Resource> Resources => _resources;

    public IReadOnlyList<ResourceKey> Removals => _removals;

    /// <summary>True when the last chunk arrived; false while more are due. Throws on a broken sequence.</summary>
    public bool Add(string nonce, uint index, uint count, IEnumerable<Resource> resources, IEnumerable<ResourceKey> removals)
    {
        if (index == 0)
        {
            _nonce = nonce;
            _expected = 0;
            _resources.Clear();
            _removals.Clear();
        }
        if (nonce != _nonce || index != _expected || count == 0 || index >= count)
        {
            Reset();
            throw new InvalidDataException("chunk " + index + " of " + count + " (" + nonce + ") arrived out of sequence");
        }
        _resources.AddRange(resources);
        _removals.AddRange(removals);
        _expected++;
        return index == count - 1;
    }

    public void Reset()
    {
        _nonce = null;
        _expected = 0;
        _resources.Clear();
        _removals.Clear();
    }
}
