using System.Runtime.CompilerServices;
using HighPerf.Caching.Keys.Native;

namespace HighPerf.Caching.Keys;

/// <summary>XXH3-128 (seed 0) from the system's libxxhash, the hash every HighPerf cache key is made of.</summary>
internal static class XxHash3
{
    // Past this size the hash runs long enough that the GC must be allowed to proceed meanwhile.
    private const int SuppressedTransitionLimit = 64 * 1024;

    /// <summary>The 128-bit hash; its <c>x32</c> hex form equals what <c>xxhsum -H2</c> prints for the same bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe UInt128 Hash128(ReadOnlySpan<byte> data)
    {
        fixed (byte* pointer = data)
        {
            var hash = data.Length <= SuppressedTransitionLimit
                ? NativeMethods.Xxh3Hash128(pointer, (nuint)data.Length)
                : NativeMethods.Xxh3Hash128Long(pointer, (nuint)data.Length);
            return new UInt128(hash.High64, hash.Low64);
        }
    }
}
