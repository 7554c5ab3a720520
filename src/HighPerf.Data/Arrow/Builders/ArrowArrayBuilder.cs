using System.Runtime.CompilerServices;
using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>
/// Appends values into native column buffers and hands them over to an array without copying. A builder is
/// reusable: after <c>Build()</c> or <see cref="Reset"/> it starts an empty array again, with buffers
/// preallocated at the capacity the last array reached, so a reader can fill batch after batch without
/// growing buffers. The validity bitmap is only created once a null is appended. Not thread-safe.
/// </summary>
public abstract class ArrowArrayBuilder : IDisposable
{
    private BitmapBuilder _validity;
    private bool _hasValidity;
    private int _length;
    private int _nullCount;

    private protected ArrowArrayBuilder(ArrowType type)
    {
        Type = type;
    }

    /// <summary>The type of the arrays this builder makes.</summary>
    public ArrowType Type { get; }

    /// <summary>The number of values appended since the last build or reset.</summary>
    public int Length => _length;

    /// <summary>The number of nulls appended since the last build or reset.</summary>
    public int NullCount => _nullCount;

    /// <summary>A builder for arrays of <paramref name="type"/>.</summary>
    /// <param name="type">Any supported type.</param>
    public static ArrowArrayBuilder Create(ArrowType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Id switch
        {
            ArrowTypeId.Null => new NullArrayBuilder(),
            ArrowTypeId.Boolean => new BooleanArrayBuilder(),
            ArrowTypeId.Int8 => new Int8ArrayBuilder(),
            ArrowTypeId.Int16 => new Int16ArrayBuilder(),
            ArrowTypeId.Int32 => new Int32ArrayBuilder(),
            ArrowTypeId.Int64 => new Int64ArrayBuilder(),
            ArrowTypeId.UInt8 => new UInt8ArrayBuilder(),
            ArrowTypeId.UInt16 => new UInt16ArrayBuilder(),
            ArrowTypeId.UInt32 => new UInt32ArrayBuilder(),
            ArrowTypeId.UInt64 => new UInt64ArrayBuilder(),
            ArrowTypeId.Float32 => new Float32ArrayBuilder(),
            ArrowTypeId.Float64 => new Float64ArrayBuilder(),
            ArrowTypeId.Date32 => new Date32ArrayBuilder(),
            ArrowTypeId.Timestamp => new TimestampArrayBuilder(type),
            ArrowTypeId.Decimal128 => new Decimal128ArrayBuilder(type.Precision, type.Scale),
            ArrowTypeId.Utf8 => new StringArrayBuilder(),
            ArrowTypeId.Binary => new BinaryArrayBuilder(),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Arrow type."),
        };
    }

    /// <summary>Appends a null value.</summary>
    public abstract void AppendNull();

    /// <summary>Hands the values appended so far over as an array (no copy) and starts a new one.</summary>
    public abstract ArrowArray BuildArray();

    /// <summary>Forgets the values appended since the last build, keeping the memory for the next ones.</summary>
    public void Reset()
    {
        _validity.Clear();
        _hasValidity = false;
        _length = 0;
        _nullCount = 0;
        ResetValues();
    }

    /// <summary>Frees the builder's memory (not that of arrays already built).</summary>
    public void Dispose()
    {
        _validity.Dispose();
        DisposeValues();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Copies <paramref name="count"/> fixed-width values laid out as this builder stores them, without their
    /// validity (see <see cref="AppendValidity"/>); only builders of fixed-width types take them.
    /// </summary>
    internal virtual unsafe void AppendRawValues(void* source, int count) =>
        throw new InvalidOperationException($"A {Type} builder takes no fixed-width values.");

    private protected abstract void ResetValues();

    private protected abstract void DisposeValues();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void AppendValid()
    {
        if (_hasValidity)
        {
            _validity.Append(true);
        }

        _length++;
    }

    private protected void AppendValidRange(int count)
    {
        if (_hasValidity)
        {
            _validity.AppendMany(true, count);
        }

        _length += count;
    }

    /// <summary>
    /// Counts <paramref name="count"/> values whose slots the derived builder already wrote, with their validity
    /// as a packed bitmap (LSB first; <see langword="null"/> when all are valid), as a columnar source hands it over.
    /// </summary>
    internal unsafe void AppendValidity(ulong* words, int count)
    {
        var valid = words == null ? count : BitUtility.CountSet((byte*)words, 0, count);
        if (valid == count)
        {
            AppendValidRange(count);
            return;
        }

        if (!_hasValidity)
        {
            _validity.AppendMany(true, _length);
            _hasValidity = true;
        }

        _validity.AppendBits((byte*)words, count);
        _length += count;
        _nullCount += count - valid;
    }

    private protected void AppendNullSlot()
    {
        if (!_hasValidity)
        {
            // The first null: every value before it was valid.
            _validity.AppendMany(true, _length);
            _hasValidity = true;
        }

        _validity.Append(false);
        _length++;
        _nullCount++;
    }

    /// <summary>Counts a null of the null type, which has no bitmap.</summary>
    private protected void CountNullWithoutBitmap()
    {
        _length++;
        _nullCount++;
    }

    /// <summary>Takes the validity bitmap (none when there was no null) and the counts, and starts the next array.</summary>
    private protected ArrowBuffer TakeValidity(out int length, out int nullCount)
    {
        length = _length;
        nullCount = _nullCount;
        var validity = _hasValidity ? _validity.Build() : ArrowBuffer.None;
        _hasValidity = false;
        _length = 0;
        _nullCount = 0;
        return validity;
    }
}
