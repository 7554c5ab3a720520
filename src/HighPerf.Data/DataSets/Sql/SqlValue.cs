namespace HighPerf.Data.DataSets.Sql;

/// <summary>
/// A value bound as a parameter (never written into SQL text), already cast to a column's type: integers, dates
/// (days since 1970-01-01) and timestamps (microseconds since the epoch, UTC) in <see cref="Integer"/>.
/// </summary>
internal readonly struct SqlValue
{
    private SqlValue(DataSetTypeKind kind, long integer, double real, decimal number, string? text)
    {
        Kind = kind;
        Integer = integer;
        Real = real;
        Number = number;
        Text = text;
    }

    internal DataSetTypeKind Kind { get; }

    internal long Integer { get; }

    internal double Real { get; }

    internal decimal Number { get; }

    internal string? Text { get; }

    internal bool Boolean => Integer != 0;

    internal DateOnly Date => DateOnly.FromDayNumber(checked((int)(Integer + Arrow.Date32Array.EpochDayNumber)));

    internal DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch.AddTicks(Integer * 10);

    internal static SqlValue FromInt64(DataSetTypeKind kind, long value) => new(kind, value, 0, 0, null);

    internal static SqlValue FromDouble(double value) => new(DataSetTypeKind.Float64, 0, value, 0, null);

    internal static SqlValue FromDecimal(decimal value) => new(DataSetTypeKind.Decimal, 0, 0, value, null);

    internal static SqlValue FromBool(bool value) => new(DataSetTypeKind.Bool, value ? 1 : 0, 0, 0, null);

    internal static SqlValue FromString(string value) => new(DataSetTypeKind.String, 0, 0, 0, value);

    internal static SqlValue FromTimestamp(DateTimeOffset value) =>
        new(DataSetTypeKind.Timestamp, (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10, 0, 0, null);

    internal static SqlValue FromDate(DateOnly value) =>
        new(DataSetTypeKind.Date, value.DayNumber - Arrow.Date32Array.EpochDayNumber, 0, 0, null);
}
