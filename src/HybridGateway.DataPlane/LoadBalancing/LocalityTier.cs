using HybridGateway.DataPlane.Health;

namespace HybridGateway.DataPlane.LoadBalancing;

/// <summary>
/// One ring of locality (this node's zone, its region, or everywhere) with its own picker. The
/// share of its weight that is up is computed again only after some target's health changed.
/// </summary>
public sealed class LocalityTier(string name, TargetPicker picker)
{
    private long _epoch = -1;
    private double _upShare;

    /// <summary>"zone", "region" or "all".</summary>
    public string Name { get; } = name;

    public TargetPicker Picker { get; } = picker;

    public double UpShare()
    {
        var epoch = TargetHealth.Epoch;
        if (Volatile.Read(ref _epoch) != epoch)
        {
            _upShare = Picker.UpShare();
            Volatile.Write(ref _epoch, epoch);
        }
        return _upShare;
    }
}
