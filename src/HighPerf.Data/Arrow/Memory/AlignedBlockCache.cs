using System.Runtime.InteropServices;

namespace HighPerf.Data.Arrow.Memory;

/// <summary>
/// Keeps a few recently freed large blocks of aligned native memory for reuse. Fresh memory of this size
/// comes from mmap and costs a page fault (and the kernel zeroing a page) on every first touch, which made
/// reading a 90 MB batch 4x slower than copying it; a block that comes back from an array is handed to the
/// next reader body, decompressed buffer or growing builder instead. Bounded in count and bytes; blocks
/// beyond that are freed at once. The GC is told about large blocks while they exist (in use or cached),
/// not each time one is reused, which would make it collect for memory that is not new.
/// </summary>
internal static unsafe class AlignedBlockCache
{
    /// <summary>Blocks smaller than this come from the allocator directly (it keeps small ones warm itself).</summary>
    public const int MinimumBlock = 1 << 20;

    private const int MaxBlocks = 8;
    private const long MaxBytes = 512L << 20;

    private static readonly (nint Pointer, nuint Capacity)[] s_blocks = new (nint, nuint)[MaxBlocks];
    private static readonly Lock s_lock = new();
    private static int s_count;
    private static long s_bytes;

    /// <summary>A block of at least <paramref name="capacity"/> bytes (and at most twice that, so small requests do not pin big blocks); its real capacity comes back too.</summary>
    public static byte* Rent(nuint capacity, out nuint actual)
    {
        if (capacity >= MinimumBlock)
        {
            lock (s_lock)
            {
                var best = -1;
                for (var i = 0; i < s_count; i++)
                {
                    var size = s_blocks[i].Capacity;
                    if (size >= capacity && size / 2 <= capacity && (best < 0 || size < s_blocks[best].Capacity))
                    {
                        best = i;
                    }
                }

                if (best >= 0)
                {
                    var (pointer, size) = s_blocks[best];
                    s_blocks[best] = s_blocks[--s_count];
                    s_bytes -= (long)size;
                    actual = size;
                    return (byte*)pointer;
                }
            }
        }

        actual = capacity;
        var fresh = (byte*)NativeMemory.AlignedAlloc(capacity, AlignedMemory.Alignment);
        if (capacity >= MinimumBlock)
        {
            GC.AddMemoryPressure((long)capacity);
        }

        return fresh;
    }

    /// <summary>Takes a block back for reuse, or frees it when the cache is full or the block is small.</summary>
    public static void Return(byte* pointer, nuint capacity)
    {
        if (capacity >= MinimumBlock && (long)capacity <= MaxBytes)
        {
            lock (s_lock)
            {
                // Make room by freeing the oldest blocks; the newest are the likeliest to fit the next request.
                while (s_count > 0 && (s_count == MaxBlocks || s_bytes + (long)capacity > MaxBytes))
                {
                    var (oldest, size) = s_blocks[0];
                    Array.Copy(s_blocks, 1, s_blocks, 0, --s_count);
                    s_bytes -= (long)size;
                    Free((byte*)oldest, size);
                }

                s_blocks[s_count++] = ((nint)pointer, capacity);
                s_bytes += (long)capacity;
                return;
            }
        }

        Free(pointer, capacity);
    }

    /// <summary>Frees every cached block (for tests that measure memory).</summary>
    public static void Clear()
    {
        lock (s_lock)
        {
            for (var i = 0; i < s_count; i++)
            {
                Free((byte*)s_blocks[i].Pointer, s_blocks[i].Capacity);
            }

            s_count = 0;
            s_bytes = 0;
        }
    }

    private static void Free(byte* pointer, nuint capacity)
    {
        NativeMemory.AlignedFree(pointer);
        if (capacity >= MinimumBlock)
        {
            GC.RemoveMemoryPressure((long)capacity);
        }
    }
}
