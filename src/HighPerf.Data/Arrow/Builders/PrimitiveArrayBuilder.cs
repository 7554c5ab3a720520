using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>Builds arrays of fixed-width values of <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The physical value type.</typeparam>
/// <typeparam name="TArray">The array class built.</typeparam>
public abstract class PrimitiveArrayBuilder<T, TArray> : ArrowArrayBuilder
    where T : unmanaged
    where TArray : PrimitiveArray<T>
{
    private NativeBufferBuilder _values;

    private protected PrimitiveArrayBuilder(ArrowType type)
        : base(type)
    {
    }

    /// <summary>Appends a value.</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value)
    {
        _values.Append(value);
        AppendValid();
    }

    /// <summary>Appends a value, or a null when <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="value">The value or <see langword="null"/>.</param>
    public void Append(T? value)
    {
        if (value is { } v)
        {
            Append(v);
        }
        else
        {
            AppendNull();
        }
    }

    /// <summary>Appends non-null values with one copy.</summary>
    /// <param name="values">The values.</param>
    public void AppendRange(ReadOnlySpan<T> values)
    {
        _values.Append(MemoryMarshal.AsBytes(values));
        AppendValidRange(values.Length);
    }

    /// <inheritdoc/>
    public override void AppendNull()
    {
        _values.Append(default(T));
        AppendNullSlot();
    }

    /// <summary>Makes room for <paramref name="additional"/> more values so that appending them never regrows the buffer.</summary>
    /// <param name="additional">The number of values about to be appended.</param>
    public unsafe void Reserve(int additional)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(additional);
        _values.EnsureCapacity(checked(_values.Length + (additional * sizeof(T))));
    }

    /// <summary>
    /// Room for the next <paramref name="count"/> values, written by the caller, which then counts them with
    /// <see cref="ArrowArrayBuilder.AppendValidity"/>.
    /// </summary>
    internal unsafe Span<T> AppendSlots(int count)
    {
        var bytes = checked(count * sizeof(T));
        var span = _values.GetSpan(bytes);
        _values.Advance(bytes);
        return MemoryMarshal.Cast<byte, T>(span[..bytes]);
    }

    /// <inheritdoc/>
    internal override unsafe void AppendRawValues(void* source, int count)
    {
        var bytes = checked(count * sizeof(T));
        new ReadOnlySpan<byte>(source, bytes).CopyTo(_values.GetSpan(bytes));
        _values.Advance(bytes);
    }

    /// <summary>Hands the values over as an array, without copying, and starts a new one.</summary>
    public TArray Build()
    {
        var validity = TakeValidity(out var length, out var nullCount);
        return Create(length, nullCount, validity, _values.Build());
    }

    /// <inheritdoc/>
    public override ArrowArray BuildArray() => Build();

    private protected abstract TArray Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values);

    private protected override void ResetValues() => _values.Clear();

    private protected override void DisposeValues() => _values.Dispose();
}
