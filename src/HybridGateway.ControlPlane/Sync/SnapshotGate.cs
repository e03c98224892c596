using HybridGateway.ControlPlane.Hosting;
using Microsoft.Extensions.Options;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>Limits how many full snapshots stream at once; deltas are small and never wait for it.</summary>
public sealed class SnapshotGate(IOptions<ControlPlaneOptions> options)
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentSnapshots, options.Value.MaxConcurrentSnapshots);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellation)
    {
        await _slots.WaitAsync(cancellation);
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
