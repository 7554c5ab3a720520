using System.Runtime.CompilerServices;

namespace HighPerf.Data.Arrow.Memory;

/// <summary>A growable bit-packed bitmap (validity or boolean values) over a <see cref="NativeBufferBuilder"/>.</summary>
internal unsafe struct BitmapBuilder
{
    private NativeBufferBuilder _bytes;
    private int _bits;

    public readonly int Length => _bits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(bool set)
    {
        var byteIndex = _bits >> 3;
        if ((_bits & 7) == 0)
        {
            _bytes.Append<byte>(0);
        }

        if (set)
        {
            _bytes.At<byte>(byteIndex) |= (byte)(1 << (_bits & 7));
        }

        _bits++;
    }

    /// <summary>Appends <paramref name="count"/> bits, all set or all clear.</summary>
    public void AppendMany(bool set, int count)
    {
        if (count <= 0)
        {
            return;
        }

        var end = _bits + count;

        // Finish the current byte bit by bit, then whole bytes at once.
        while ((_bits & 7) != 0 && _bits < end)
        {
            Append(set);
        }

        var wholeBytes = (end - _bits) >> 3;
        if (wholeBytes > 0)
        {
            _bytes.Extend(_bytes.Length + wholeBytes, set ? (byte)0xFF : (byte)0);
            _bits += wholeBytes * 8;
        }

        while (_bits < end)
        {
            Append(set);
        }
    }

    /// <summary>Appends the first <paramref name="count"/> bits of a packed bitmap (LSB first, Arrow's and DuckDB's order).</summary>
    public void AppendBits(byte* bits, int count)
    {
        if (count <= 0)
        {
            return;
        }

        var whole = count >> 3;
        var rest = count & 7;
        var shift = _bits & 7;
        if (shift == 0)
        {
            // Byte-aligned (every full 2,048-row chunk): one copy, the last partial byte cleared past its bits.
            var span = _bytes.GetSpan(whole + 1);
            new ReadOnlySpan<byte>(bits, whole).CopyTo(span);
            if (rest != 0)
            {
                span[whole] = (byte)(bits[whole] & ((1 << rest) - 1));
            }

            _bytes.Advance(whole + (rest != 0 ? 1 : 0));
            _bits += count;
            return;
        }

        // The current last byte holds `shift` bits: each source byte fills its top and starts the next one.
        var total = _bits + count;
        var needed = ((total + 7) >> 3) - _bytes.Length;
        var room = _bytes.GetSpan(needed);
        ref var last = ref _bytes.At<byte>(_bytes.Length - 1);
        var sourceBytes = (count + 7) >> 3;
        var carry = (int)last;
        var written = 0;
        for (var i = 0; i < sourceBytes; i++)
        {
            var b = bits[i];
            if (i == sourceBytes - 1 && rest != 0)
            {
                b &= (byte)((1 << rest) - 1);
            }

            carry |= b << shift;
            if (i == 0)
            {
                last = (byte)carry;
            }
            else
            {
                room[written++] = (byte)carry;
            }

            carry >>= 8;
        }

        if (written < needed)
        {
            room[written++] = (byte)carry;
        }

        _bytes.Advance(needed);
        _bits = total;
    }

    public void Clear()
    {
        _bytes.Clear();
        _bits = 0;
    }

    public ArrowBuffer Build()
    {
        _bits = 0;
        return _bytes.Build();
    }

    public void Dispose()
    {
        _bytes.Dispose();
        _bits = 0;
    }
}
