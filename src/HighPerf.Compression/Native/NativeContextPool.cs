using System.Runtime.InteropServices;

namespace HighPerf.Compression.Native;

/// <summary>
/// A small lock-free pool of native zstd contexts. A context costs a few hundred KiB to a few MiB
/// of native memory and is slow to build, so one-shot calls and streams reuse them; a context is
/// reset (session and parameters) before it goes back, so no state leaks between users.
/// </summary>
internal sealed class NativeContextPool<T>
    where T : SafeHandle
{
    private readonly T?[] _items;
    private readonly Func<T> _create;
    private readonly Func<T, bool> _reset;

    internal NativeContextPool(int capacity, Func<T> create, Func<T, bool> reset)
    {
        _items = new T?[capacity];
        _create = create;
        _reset = reset;
    }

    internal T Rent()
    {
        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            var item = Interlocked.Exchange(ref items[i], null);
            if (item is not null)
            {
                return item;
            }
        }

        return _create();
    }

    internal void Return(T item)
    {
        if (!_reset(item))
        {
            item.Dispose();
            return;
        }

        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            if (Interlocked.CompareExchange(ref items[i], item, null) is null)
            {
                return;
            }
        }

        item.Dispose();
    }
}

/// <summary>The process-wide pools of compression and decompression contexts.</summary>
internal static class ZstdContexts
{
    private static readonly int s_capacity = Math.Max(4, Environment.ProcessorCount * 2);

    internal static NativeContextPool<SafeCCtxHandle> Compressors { get; } = new(
        s_capacity,
        SafeCCtxHandle.Create,
        static c => NativeMethods.IsError(NativeMethods.CCtxReset(c, ResetDirective.SessionAndParameters)) == 0);

    internal static NativeContextPool<SafeDCtxHandle> Decompressors { get; } = new(
        s_capacity,
        SafeDCtxHandle.Create,
        static d => NativeMethods.IsError(NativeMethods.DCtxReset(d, ResetDirective.SessionAndParameters)) == 0);
}
