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
