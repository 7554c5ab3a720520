using HighPerf.Data.Arrow.Memory;

namespace HighPerf.Data.Arrow;

/// <summary>Builds <see cref="Date32Array"/>s from days since 1970-01-01 or from <see cref="DateOnly"/>.</summary>
public sealed class Date32ArrayBuilder() : PrimitiveArrayBuilder<int, Date32Array>(ArrowType.Date32)
{
    /// <summary>Appends a date.</summary>
    /// <param name="date">The date.</param>
    public void Append(DateOnly date) => Append(date.DayNumber - Date32Array.EpochDayNumber);

    private protected override Date32Array Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(length, nullCount, validity, values);
}

/// <summary>
/// Builds <see cref="TimestampArray"/>s from counts of the type's unit since the Unix epoch (microseconds
/// for PostgreSQL and DuckDB timestamps) or from <see cref="DateTimeOffset"/>.
/// </summary>
public sealed class TimestampArrayBuilder : PrimitiveArrayBuilder<long, TimestampArray>
{
    /// <summary>Creates a builder of timestamps of <paramref name="unit"/> in <paramref name="timeZone"/>.</summary>
    /// <param name="unit">The unit; microseconds by default.</param>
    /// <param name="timeZone">The time zone ("UTC"...), or <see langword="null"/> (the default) for naive timestamps.</param>
    public TimestampArrayBuilder(ArrowTimeUnit unit = ArrowTimeUnit.Microsecond, string? timeZone = null)
        : base(ArrowType.Timestamp(unit, timeZone))
    {
    }

    /// <summary>Creates a builder of timestamps of <paramref name="type"/>.</summary>
    /// <param name="type">A timestamp type.</param>
    public TimestampArrayBuilder(ArrowType type)
        : base(CheckType(type))
    {
    }

    /// <summary>Appends an instant, converted to the unit (rounded down to it; nanoseconds from .NET's 100 ns ticks).</summary>
    /// <param name="value">The instant; its offset is honored (the stored value is UTC-based).</param>
    public void Append(DateTimeOffset value) => Append(TimestampUnits.FromDateTimeOffset(value, Type.TimeUnit));

    private protected override TimestampArray Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(Type, length, nullCount, validity, values);

    private static ArrowType CheckType(ArrowType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Id == ArrowTypeId.Timestamp ? type : throw new ArgumentException($"{type} is not a timestamp type.", nameof(type));
    }
}

/// <summary>
/// Builds <see cref="Decimal128Array"/>s from unscaled <see cref="Int128"/> values (the inherited
/// <c>Append(Int128)</c>: 12345 at scale 2 is 123.45) or from <see cref="decimal"/>.
/// </summary>
public sealed class Decimal128ArrayBuilder : PrimitiveArrayBuilder<Int128, Decimal128Array>
{
    /// <summary>Creates a builder of decimal128(<paramref name="precision"/>, <paramref name="scale"/>).</summary>
    /// <param name="precision">Total digits, 1 to 38.</param>
    /// <param name="scale">Digits after the point, 0 to <paramref name="precision"/>.</param>
    public Decimal128ArrayBuilder(int precision, int scale)
        : base(ArrowType.Decimal128(precision, scale))
    {
    }

    /// <summary>Appends a decimal, rescaled exactly to the type's scale.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value has more digits after the point than the scale, or more digits than the precision.</exception>
    public void Append(decimal value) => Append(DecimalConversions.ToUnscaled(value, Type.Precision, Type.Scale));

    /// <summary>Appends a decimal, or a null when <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="value">The value or <see langword="null"/>.</param>
    public void Append(decimal? value)
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

    private protected override Decimal128Array Create(int length, int nullCount, ArrowBuffer validity, ArrowBuffer values) => new(Type, length, nullCount, validity, values);
}
