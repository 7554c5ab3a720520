using System.Runtime.CompilerServices;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>Builds arrays of variable-length values: int32 offsets and the value bytes end to end.</summary>
/// <typeparam name="TArray">The array class built.</typeparam>
public abstract class VariableBinaryArrayBuilder<TArray> : ArrowArrayBuilder
    where TArray : VariableBinaryArray
{
    private NativeBufferBuilder _offsets;
    private NativeBufferBuilder _data;

    private protected VariableBinaryArrayBuilder(ArrowType type)
        : base(type)
    {
        _offsets.Append(0);
    }

    /// <summary>The number of value bytes appended since the last build or reset.</summary>
    public int DataLength => _data.Length;

    /// <summary>Appends a value's bytes.</summary>
    /// <param name="value">The bytes (UTF-8 for a string array).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ReadOnlySpan<byte> value)
    {
        CheckRoom(value.Length);
        _data.Append(value);
        _offsets.Append(_data.Length);
        AppendValid();
    }

    /// <summary>
    /// Appends a value's bytes and offset but not its validity: a columnar source counts a run of values at
    /// once with <see cref="ArrowArrayBuilder.AppendValidity"/>. <see cref="Reserve"/> first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AppendValueBytes(ReadOnlySpan<byte> value)
    {
        _data.Append(value);
        _offsets.Append(_data.Length);
    }

    /// <summary>The empty slot of a null, without its validity (see <see cref="AppendValueBytes"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AppendEmptyValue() => _offsets.Append(_data.Length);

    /// <inheritdoc/>
    public override void AppendNull()
    {
        _offsets.Append(_data.Length);
        AppendNullSlot();
    }

    /// <summary>Makes room for <paramref name="values"/> more values of <paramref name="bytes"/> bytes in all.</summary>
    /// <param name="values">The number of values about to be appended.</param>
    /// <param name="bytes">Their total length in bytes.</param>
    public void Reserve(int values, int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(values);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        _offsets.EnsureCapacity(checked(_offsets.Length + (values * sizeof(int))));
        _data.EnsureCapacity(checked(_data.Length + bytes));
    }

    /// <summary>Hands the values over as an array, without copying, and starts a new one.</summary>
    public TArray Build()
    {
        var validity = TakeValidity(out var length, out var nullCount);
        var array = Create(length, nullCount, validity, _offsets.Build(), _data.Build());
        _offsets.Append(0);
        return array;
    }

    /// <inheritdoc/>
    public override ArrowArray BuildArray() => Build();

    private protected abstract TArray Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer offsets, ArrowBuffer data);

    /// <summary>Room for <paramref name="maxBytes"/> more value bytes; finish with <see cref="CommitValue"/>.</summary>
    private protected Span<byte> GetValueSpan(int maxBytes)
    {
        CheckRoom(maxBytes);
        return _data.GetSpan(maxBytes);
    }

    private protected void CommitValue(int bytes)
    {
        _data.Advance(bytes);
        _offsets.Append(_data.Length);
        AppendValid();
    }

    private protected override void ResetValues()
    {
        _offsets.Clear();
        _offsets.Append(0);
        _data.Clear();
    }

    private protected override void DisposeValues()
    {
        _offsets.Dispose();
        _data.Dispose();
    }

    private void CheckRoom(int bytes)
    {
        if ((long)_data.Length + bytes > int.MaxValue - AlignedMemory.Alignment)
        {
            throw new InvalidOperationException("The values of one utf8 or binary array cannot exceed 2 GiB (32-bit offsets); build the array and start another.");
        }
    }
}

/// <summary>Builds <see cref="StringArray"/>s from UTF-8 bytes or from UTF-16 text.</summary>
public sealed class StringArrayBuilder : VariableBinaryArrayBuilder<StringArray>
{
    /// <summary>Creates a builder.</summary>
    public StringArrayBuilder()
        : base(ArrowType.Utf8)
    {
    }

    /// <summary>Appends text, encoded to UTF-8 straight into the data buffer (lone surrogates become U+FFFD).</summary>
    /// <param name="value">The text.</param>
    public void Append(ReadOnlySpan<char> value)
    {
        var span = GetValueSpan(System.Text.Encoding.UTF8.GetMaxByteCount(value.Length));
        CommitValue(System.Text.Encoding.UTF8.GetBytes(value, span));
    }

    /// <summary>Appends text, or a null when <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="value">The text or <see langword="null"/>.</param>
    public void Append(string? value)
    {
        if (value is null)
        {
            AppendNull();
        }
        else
        {
            Append(value.AsSpan());
        }
    }

    private protected override StringArray Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer offsets, ArrowBuffer data) => new(length, nullCount, validity, offsets, data);
}

/// <summary>Builds <see cref="BinaryArray"/>s.</summary>
public sealed class BinaryArrayBuilder : VariableBinaryArrayBuilder<BinaryArray>
{
    /// <summary>Creates a builder.</summary>
    public BinaryArrayBuilder()
        : base(ArrowType.Binary)
    {
    }

    /// <summary>Appends bytes, or a null when <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="value">The bytes or <see langword="null"/>.</param>
    public void Append(byte[]? value)
    {
        if (value is null)
        {
            AppendNull();
        }
        else
        {
            Append(value.AsSpan());
        }
    }

    private protected override BinaryArray Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer offsets, ArrowBuffer data) => new(length, nullCount, validity, offsets, data);
}
