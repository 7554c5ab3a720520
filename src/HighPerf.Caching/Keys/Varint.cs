namespace HighPerf.Caching.Keys;

/// <summary>Unsigned LEB128 varints of non-negative 32-bit lengths and counts: one byte up to 127, at most five.</summary>
internal static class Varint
{
    internal const int MaxLength = 5;

    internal static int Length(int value)
    {
        var length = 1;
        for (var remaining = (uint)value; remaining >= 0x80; remaining >>= 7)
        {
            length++;
        }

        return length;
    }

    internal static int Write(Span<byte> destination, int value)
    {
        var written = 0;
        var remaining = (uint)value;
        while (remaining >= 0x80)
        {
            destination[written++] = (byte)(remaining | 0x80);
            remaining >>= 7;
        }

        destination[written++] = (byte)remaining;
        return written;
    }

    /// <summary>Reads one varint at <paramref name="offset"/> and moves past it; <see langword="false"/> when truncated or over <see cref="int.MaxValue"/>.</summary>
    internal static bool TryRead(ReadOnlySpan<byte> source, ref int offset, out int value)
    {
        uint result = 0;
        for (var shift = 0; shift < MaxLength * 7; shift += 7)
        {
            if (offset >= source.Length)
            {
                break;
            }

            var next = source[offset++];
            result |= (uint)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                value = (int)result;
                return result <= int.MaxValue;
            }
        }

        value = 0;
        return false;
    }
}
