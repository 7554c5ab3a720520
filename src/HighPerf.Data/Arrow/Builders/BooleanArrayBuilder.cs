using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>Builds <see cref="BooleanArray"/>s.</summary>
public sealed class BooleanArrayBuilder : ArrowArrayBuilder
{
    private BitmapBuilder _values;

    /// <summary>Creates a builder.</summary>
    public BooleanArrayBuilder()
        : base(ArrowType.Boolean)
    {
    }

    /// <summary>Appends a value.</summary>
    /// <param name="value">The value.</param>
    public void Append(bool value)
    {
        _values.Append(value);
        AppendValid();
    }

    /// <summary>Appends a value, or a null when <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="value">The value or <see langword="null"/>.</param>
    public void Append(bool? value)
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

    /// <summary>Appends non-null values.</summary>
    /// <param name="values">The values.</param>
    public void AppendRange(ReadOnlySpan<bool> values)
    {
        foreach (var value in values)
        {
            _values.Append(value);
        }

        AppendValidRange(values.Length);
    }

    /// <summary>
    /// Appends <paramref name="count"/> values stored one per byte (zero is false) but not their validity
    /// (see <see cref="ArrowArrayBuilder.AppendValidity"/>).
    /// </summary>
    internal unsafe void AppendValueBytes(byte* values, int count)
    {
        var packed = stackalloc byte[256];
        for (var start = 0; start < count; start += 2048)
        {
            var n = Math.Min(2048, count - start);
            new Span<byte>(packed, 256).Clear();
            for (var i = 0; i < n; i++)
            {
                if (values[start + i] != 0)
                {
                    packed[i >> 3] |= (byte)(1 << (i & 7));
                }
            }

            _values.AppendBits(packed, n);
        }
    }

    /// <inheritdoc/>
    public override void AppendNull()
    {
        _values.Append(false);
        AppendNullSlot();
    }

    /// <summary>Hands the values over as an array, without copying, and starts a new one.</summary>
    public BooleanArray Build()
    {
        var validity = TakeValidity(out var length, out var nullCount);
        return new BooleanArray(length, nullCount, validity, _values.Build());
    }

    /// <inheritdoc/>
    public override ArrowArray BuildArray() => Build();

    private protected override void ResetValues() => _values.Clear();

    private protected override void DisposeValues() => _values.Dispose();
}
