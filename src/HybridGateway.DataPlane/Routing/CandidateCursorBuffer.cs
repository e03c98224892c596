using System.Runtime.CompilerServices;

namespace HybridGateway.DataPlane.Routing;

/// <summary>Stack room for the cursors of one match, so the usual request allocates nothing for them.</summary>
[InlineArray(Capacity)]
internal struct CandidateCursorBuffer
{
    /// <summary>Sources of one request: a few host groups, each with its regex list and the trie nodes on the path.</summary>
    public const int Capacity = 16;

    private CandidateCursor _element;
}
