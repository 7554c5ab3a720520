using System.Numerics;
using System.Runtime.CompilerServices;

namespace HighPerf.Data.Arrow.Memory;

/// <summary>Bit-packed bitmaps in Arrow's least-significant-bit-first order.</summary>
internal static unsafe class BitUtility
{
    public static int BytesFor(int bits) => (int)(((uint)bits + 7) >> 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(byte* bitmap, int index) => (bitmap[index >> 3] & (1 << (index & 7))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ReadOnlySpan<byte> bitmap, int index) => (bitmap[index >> 3] & (1 << (index & 7))) != 0;

    /// <summary>The number of set bits among the first <paramref name="length"/> bits, starting at bit <paramref name="offset"/>.</summary>
    public static int CountSet(byte* bitmap, long offset, int length)
    {
        var count = 0;
        var index = offset;
        var end = offset + length;

        // Bit by bit up to a byte boundary, then eight bytes at a time, then the tail.
        while (index < end && (index & 7) != 0)
        {
            count += (bitmap[index >> 3] >> (int)(index & 7)) & 1;
            index++;
        }

        while (end - index >= 64)
        {
            count += BitOperations.PopCount(Unsafe.ReadUnaligned<ulong>(bitmap + (index >> 3)));
            index += 64;
        }

        while (end - index >= 8)
        {
            count += BitOperations.PopCount(bitmap[index >> 3]);
            index += 8;
        }

        while (index < end)
        {
            count += (bitmap[index >> 3] >> (int)(index & 7)) & 1;
            index++;
        }

        return count;
    }

    /// <summary>Copies <paramref name="length"/> bits starting at bit <paramref name="sourceOffset"/> to the start of <paramref name="destination"/>.</summary>
    public static void CopyBits(byte* source, long sourceOffset, byte* destination, int length)
    {
        if ((sourceOffset & 7) == 0)
        {
            Buffer.MemoryCopy(source + (sourceOffset >> 3), destination, BytesFor(length), BytesFor(length));
            ClearTail(destination, length);
            return;
        }

        new Span<byte>(destination, BytesFor(length)).Clear();
        for (var i = 0; i < length; i++)
        {
            var bit = sourceOffset + i;
            if ((source[bit >> 3] & (1 << (int)(bit & 7))) != 0)
            {
                destination[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
    }

    /// <summary>Zeroes the unused high bits of the last byte of a bitmap of <paramref name="length"/> bits.</summary>
    public static void ClearTail(byte* bitmap, int length)
    {
        if ((length & 7) != 0)
        {
            bitmap[length >> 3] &= (byte)((1 << (length & 7)) - 1);
        }
    }
}
