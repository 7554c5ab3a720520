using System.Runtime.InteropServices;

namespace HighPerf.Data.Arrow.Memory;

/// <summary>
/// Native memory behind Arrow buffers, shared by every array (and every exported C structure) that uses
/// it. Whoever creates it holds the first share; each user takes one with <see cref="Share"/> and gives
/// it back with <see cref="Unshare"/>; the last one releases the memory, exactly once. Memory nobody
/// unshared (an array never disposed) is still released by the handle's finalizer once unreachable.
/// </summary>
internal abstract class ArrowMemory : SafeHandle
{
    private int _shares = 1;

    protected ArrowMemory()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The number of live shares (for tests).</summary>
    internal int Shares => Volatile.Read(ref _shares);

    /// <summary>Takes one more share; the memory stays alive until it is given back.</summary>
    public void Share()
    {
        int current;
        do
        {
            current = Volatile.Read(ref _shares);
            ObjectDisposedException.ThrowIf(current <= 0, this);
        }
        while (Interlocked.CompareExchange(ref _shares, current + 1, current) != current);
    }

    /// <summary>Gives back one share; the last one releases the memory.</summary>
    public void Unshare()
    {
        if (Interlocked.Decrement(ref _shares) == 0)
        {
            Dispose();
        }
    }
}
