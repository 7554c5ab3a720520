using System.Globalization;

namespace HighPerf.Data.Arrow;

/// <summary>
/// An Arrow data type with its parameters (decimal precision and scale, timestamp unit and time zone).
/// Parameterless types are shared instances (<see cref="Int64"/>, <see cref="Utf8"/>...); types compare by value.
/// </summary>
public sealed class ArrowType : IEquatable<ArrowType>
{
    private ArrowType(ArrowTypeId id, int bitWidth, int precision = 0, int scale = 0, ArrowTimeUnit timeUnit = ArrowTimeUnit.Microsecond, string? timeZone = null)
    {
        Id = id;
        BitWidth = bitWidth;
        Precision = precision;
        Scale = scale;
        TimeUnit = timeUnit;
        TimeZone = timeZone;
    }

    /// <summary>The null type: every value is null.</summary>
    public static ArrowType Null { get; } = new(ArrowTypeId.Null, 0);

    /// <summary>Booleans.</summary>
    public static ArrowType Boolean { get; } = new(ArrowTypeId.Boolean, 1);

    /// <summary>Signed 8-bit integers.</summary>
    public static ArrowType Int8 { get; } = new(ArrowTypeId.Int8, 8);

    /// <summary>Signed 16-bit integers.</summary>
    public static ArrowType Int16 { get; } = new(ArrowTypeId.Int16, 16);

    /// <summary>Signed 32-bit integers.</summary>
    public static ArrowType Int32 { get; } = new(ArrowTypeId.Int32, 32);

    /// <summary>Signed 64-bit integers.</summary>
    public static ArrowType Int64 { get; } = new(ArrowTypeId.Int64, 64);

    /// <summary>Unsigned 8-bit integers.</summary>
    public static ArrowType UInt8 { get; } = new(ArrowTypeId.UInt8, 8);

    /// <summary>Unsigned 16-bit integers.</summary>
    public static ArrowType UInt16 { get; } = new(ArrowTypeId.UInt16, 16);

    /// <summary>Unsigned 32-bit integers.</summary>
    public static ArrowType UInt32 { get; } = new(ArrowTypeId.UInt32, 32);

    /// <summary>Unsigned 64-bit integers.</summary>
    public static ArrowType UInt64 { get; } = new(ArrowTypeId.UInt64, 64);

    /// <summary>Single-precision floating point.</summary>
    public static ArrowType Float32 { get; } = new(ArrowTypeId.Float32, 32);

    /// <summary>Double-precision floating point.</summary>
    public static ArrowType Float64 { get; } = new(ArrowTypeId.Float64, 64);

    /// <summary>UTF-8 strings (32-bit offsets).</summary>
    public static ArrowType Utf8 { get; } = new(ArrowTypeId.Utf8, 0);

    /// <summary>Opaque binary values (32-bit offsets).</summary>
    public static ArrowType Binary { get; } = new(ArrowTypeId.Binary, 0);

    /// <summary>Dates as days since the epoch (32-bit).</summary>
    public static ArrowType Date32 { get; } = new(ArrowTypeId.Date32, 32);

    /// <summary>Microsecond timestamps without a time zone ("naive": shown as is, not localized).</summary>
    public static ArrowType TimestampMicrosecond { get; } = new(ArrowTypeId.Timestamp, 64, timeUnit: ArrowTimeUnit.Microsecond);

    /// <summary>Microsecond timestamps in UTC.</summary>
    public static ArrowType TimestampMicrosecondUtc { get; } = new(ArrowTypeId.Timestamp, 64, timeUnit: ArrowTimeUnit.Microsecond, timeZone: "UTC");

    /// <summary>Which logical type this is.</summary>
    public ArrowTypeId Id { get; }

    /// <summary>The width of one value in bits: 1 for booleans, 8 to 128 for fixed-width types, 0 for null, utf8 and binary.</summary>
    public int BitWidth { get; }

    /// <summary>For <see cref="ArrowTypeId.Decimal128"/>: the total number of decimal digits (1 to 38); otherwise 0.</summary>
    public int Precision { get; }

    /// <summary>For <see cref="ArrowTypeId.Decimal128"/>: the number of digits after the decimal point; otherwise 0.</summary>
    public int Scale { get; }

    /// <summary>For <see cref="ArrowTypeId.Timestamp"/>: the unit of the values; otherwise <see cref="ArrowTimeUnit.Microsecond"/>, meaningless.</summary>
    public ArrowTimeUnit TimeUnit { get; }

    /// <summary>
    /// For <see cref="ArrowTypeId.Timestamp"/>: the time zone name ("UTC", "Europe/Paris", "+07:30"), or
    /// <see langword="null"/> for a naive timestamp; always <see langword="null"/> for other types.
    /// </summary>
    public string? TimeZone { get; }

    /// <summary>Whether values are of fixed width (everything but null, utf8 and binary).</summary>
    public bool IsFixedWidth => BitWidth > 0;

    /// <summary>A timestamp type.</summary>
    /// <param name="unit">The unit of the values.</param>
    /// <param name="timeZone">The time zone, or <see langword="null"/> (or empty) for naive timestamps.</param>
    public static ArrowType Timestamp(ArrowTimeUnit unit = ArrowTimeUnit.Microsecond, string? timeZone = null)
    {
        if (unit is < ArrowTimeUnit.Second or > ArrowTimeUnit.Nanosecond)
        {
            throw new ArgumentOutOfRangeException(nameof(unit));
        }

        if (string.IsNullOrEmpty(timeZone))
        {
            return unit == ArrowTimeUnit.Microsecond ? TimestampMicrosecond : new ArrowType(ArrowTypeId.Timestamp, 64, timeUnit: unit);
        }

        return unit == ArrowTimeUnit.Microsecond && timeZone == "UTC"
            ? TimestampMicrosecondUtc
            : new ArrowType(ArrowTypeId.Timestamp, 64, timeUnit: unit, timeZone: timeZone);
    }

    /// <summary>A 128-bit decimal type.</summary>
    /// <param name="precision">Total digits, 1 to 38.</param>
    /// <param name="scale">Digits after the point, 0 to <paramref name="precision"/>.</param>
    public static ArrowType Decimal128(int precision, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, 38);
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, precision);
        return new ArrowType(ArrowTypeId.Decimal128, 128, precision, scale);
    }

    /// <inheritdoc/>
    public bool Equals(ArrowType? other) =>
        other is not null && (ReferenceEquals(this, other)
            || (Id == other.Id && Precision == other.Precision && Scale == other.Scale
                && (Id != ArrowTypeId.Timestamp || (TimeUnit == other.TimeUnit && string.Equals(TimeZone, other.TimeZone, StringComparison.Ordinal)))));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ArrowType);

    /// <inheritdoc/>
    public override int GetHashCode() => Id == ArrowTypeId.Timestamp
        ? HashCode.Combine(Id, TimeUnit, TimeZone is null ? 0 : StringComparer.Ordinal.GetHashCode(TimeZone))
        : HashCode.Combine(Id, Precision, Scale);

    /// <summary>The type as Arrow's documentation writes it, e.g. <c>int64</c>, <c>decimal128(12, 2)</c>, <c>timestamp[us, tz=UTC]</c>.</summary>
    public override string ToString() => Id switch
    {
        ArrowTypeId.Null => "null",
        ArrowTypeId.Boolean => "bool",
        ArrowTypeId.Int8 => "int8",
        ArrowTypeId.Int16 => "int16",
        ArrowTypeId.Int32 => "int32",
        ArrowTypeId.Int64 => "int64",
        ArrowTypeId.UInt8 => "uint8",
        ArrowTypeId.UInt16 => "uint16",
        ArrowTypeId.UInt32 => "uint32",
        ArrowTypeId.UInt64 => "uint64",
        ArrowTypeId.Float32 => "float",
        ArrowTypeId.Float64 => "double",
        ArrowTypeId.Utf8 => "string",
        ArrowTypeId.Binary => "binary",
        ArrowTypeId.Date32 => "date32[day]",
        ArrowTypeId.Decimal128 => string.Create(CultureInfo.InvariantCulture, $"decimal128({Precision}, {Scale})"),
        ArrowTypeId.Timestamp => TimeZone is null ? $"timestamp[{UnitName(TimeUnit)}]" : $"timestamp[{UnitName(TimeUnit)}, tz={TimeZone}]",
        _ => Id.ToString(),
    };

    private static string UnitName(ArrowTimeUnit unit) => unit switch
    {
        ArrowTimeUnit.Second => "s",
        ArrowTimeUnit.Millisecond => "ms",
        ArrowTimeUnit.Microsecond => "us",
        _ => "ns",
    };
}
