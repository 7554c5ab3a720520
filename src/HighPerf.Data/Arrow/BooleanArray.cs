using System.Runtime.CompilerServices;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>A boolean array: a validity bitmap and a bit-packed values bitmap.</summary>
public sealed unsafe class BooleanArray : ArrowArray
{
    private readonly byte* _values;

    internal BooleanArray(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(ArrowType.Boolean, length, nullCount, [validity, values])
    {
        _values = values.Pointer;
    }

    /// <summary>The values, bit-packed least significant bit first (bit <c>i</c> is value <c>i</c>).</summary>
    public ReadOnlySpan<byte> ValueBitmap
    {
        get
        {
            ThrowIfDisposed();
            return new ReadOnlySpan<byte>(_values, BitUtility.BytesFor(Length));
        }
    }

    /// <summary>The value at <paramref name="index"/>; unspecified when it is null.</summary>
    /// <param name="index">From 0 to <see cref="ArrowArray.Length"/> - 1.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool GetValue(int index)
    {
        CheckIndex(index);
        return BitUtility.Get(_values, index);
    }

    /// <summary>The value at <paramref name="index"/>, or <see langword="null"/> when it is null.</summary>
    /// <param name="index">From 0 to <see cref="ArrowArray.Length"/> - 1.</param>
    public bool? GetNullableValue(int index) => IsNull(index) ? null : BitUtility.Get(_values, index);
}
