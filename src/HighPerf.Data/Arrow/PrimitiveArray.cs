using System.Runtime.CompilerServices;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>An array of fixed-width values of <typeparamref name="T"/>: a validity bitmap and a values buffer.</summary>
/// <typeparam name="T">The physical value type (e.g. <see cref="long"/> for int64 and timestamps, <see cref="Int128"/> for decimal128).</typeparam>
public abstract unsafe class PrimitiveArray<T> : ArrowArray
    where T : unmanaged
{
    private readonly T* _values;

    private protected PrimitiveArray(ArrowType type, int length, int nullCount, ArrowBuffer validity, ArrowBuffer values)
        : base(type, length, nullCount, [validity, values])
    {
        _values = (T*)values.Pointer;
    }

    /// <summary>Every value, nulls included (a null slot holds an unspecified value, usually 0).</summary>
    public ReadOnlySpan<T> Values
    {
        get
        {
            ThrowIfDisposed();
            return new ReadOnlySpan<T>(_values, Length);
        }
    }

    /// <summary>The value at <paramref name="index"/>; unspecified (usually 0) when it is null.</summary>
    /// <param name="index">From 0 to <see cref="ArrowArray.Length"/> - 1.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T GetValue(int index)
    {
        CheckIndex(index);
        return _values[index];
    }

    /// <summary>The value at <paramref name="index"/>, or <see langword="null"/> when it is null.</summary>
    /// <param name="index">From 0 to <see cref="ArrowArray.Length"/> - 1.</param>
    public T? GetNullableValue(int index) => IsNull(index) ? null : _values[index];
}
