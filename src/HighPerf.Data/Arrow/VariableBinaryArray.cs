using System.Runtime.CompilerServices;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>
/// An array of variable-length values (utf8 or binary): a validity bitmap, <see cref="ArrowArray.Length"/> + 1
/// int32 offsets, and the concatenated value bytes; value <c>i</c> is <c>Data[Offsets[i]..Offsets[i + 1]]</c>.
/// </summary>
public abstract unsafe class VariableBinaryArray : ArrowArray
{
    private readonly int* _offsets;
    private readonly byte* _data;
    private readonly int _dataLength;

    private protected VariableBinaryArray(ArrowType type, int length, int nullCount, ArrowBuffer validity, ArrowBuffer offsets, ArrowBuffer data)
        : base(type, length, nullCount, [validity, offsets, data])
    {
        _offsets = (int*)offsets.Pointer;
        _data = data.Pointer;
        _dataLength = length == 0 ? 0 : _offsets[length];
    }

    /// <summary>The <see cref="ArrowArray.Length"/> + 1 offsets into <see cref="Data"/>.</summary>
    public ReadOnlySpan<int> Offsets
    {
        get
        {
            ThrowIfDisposed();
            return new ReadOnlySpan<int>(_offsets, Length + 1);
        }
    }

    /// <summary>The bytes of every value, end to end.</summary>
    public ReadOnlySpan<byte> Data
    {
        get
        {
            ThrowIfDisposed();
            return new ReadOnlySpan<byte>(_data, _dataLength);
        }
    }

    /// <summary>The bytes of value <paramref name="index"/> (empty when it is null), without copying.</summary>
    /// <param name="index">From 0 to <see cref="ArrowArray.Length"/> - 1.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        CheckIndex(index);
        var start = _offsets[index];
        return new ReadOnlySpan<byte>(_data + start, _offsets[index + 1] - start);
    }
}

/// <summary>A utf8 (string) array.</summary>
public sealed class StringArray : VariableBinaryArray
{
    internal StringArray(int length, int nullCount, ArrowBuffer validity, ArrowBuffer offsets, ArrowBuffer data)
        : base(ArrowType.Utf8, length, nullCount, validity, offsets, data)
    {
    }

    /// <summary>Value <paramref name="index"/> decoded to a string, or <see langword="null"/> when it is null. Allocates; use <see cref="VariableBinaryArray.GetBytes"/> to read the UTF-8 bytes without.</summary>
    /// <param name="index">From 0 to <see cref="ArrowArray.Length"/> - 1.</param>
    public string? GetValue(int index) => IsNull(index) ? null : System.Text.Encoding.UTF8.GetString(GetBytes(index));
}

/// <summary>A binary array.</summary>
public sealed class BinaryArray : VariableBinaryArray
{
    internal BinaryArray(int length, int nullCount, ArrowBuffer validity, ArrowBuffer offsets, ArrowBuffer data)
        : base(ArrowType.Binary, length, nullCount, validity, offsets, data)
    {
    }

    /// <summary>The bytes of value <paramref name="index"/> (empty when it is null), without copying.</summary>
    /// <param name="index">From 0 to <see cref="ArrowArray.Length"/> - 1.</param>
    public ReadOnlySpan<byte> GetValue(int index) => GetBytes(index);
}
