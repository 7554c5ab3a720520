using System.Globalization;

namespace HighPerf.Data.DataSets;

/// <summary>A column's declared type: a <see cref="DataSetTypeKind"/> with, for decimals, its precision and scale.</summary>
public readonly record struct DataSetColumnType
{
    private DataSetColumnType(DataSetTypeKind kind, int precision, int scale)
    {
        Kind = kind;
        Precision = precision;
        Scale = scale;
    }

    /// <summary>The kind of type.</summary>
    public DataSetTypeKind Kind { get; }

    /// <summary>Total digits of a decimal (1 to 38); 0 for other kinds.</summary>
    public int Precision { get; }

    /// <summary>Digits after the point of a decimal (0 to <see cref="Precision"/>); 0 for other kinds.</summary>
    public int Scale { get; }

    /// <summary><c>int32</c>.</summary>
    public static DataSetColumnType Int32 => new(DataSetTypeKind.Int32, 0, 0);

    /// <summary><c>int64</c>.</summary>
    public static DataSetColumnType Int64 => new(DataSetTypeKind.Int64, 0, 0);

    /// <summary><c>float64</c>.</summary>
    public static DataSetColumnType Float64 => new(DataSetTypeKind.Float64, 0, 0);

    /// <summary><c>bool</c>.</summary>
    public static DataSetColumnType Bool => new(DataSetTypeKind.Bool, 0, 0);

    /// <summary><c>string</c>.</summary>
    public static DataSetColumnType String => new(DataSetTypeKind.String, 0, 0);

    /// <summary><c>date</c>.</summary>
    public static DataSetColumnType Date => new(DataSetTypeKind.Date, 0, 0);

    /// <summary><c>timestamp</c>.</summary>
    public static DataSetColumnType Timestamp => new(DataSetTypeKind.Timestamp, 0, 0);

    /// <summary><c>json</c>.</summary>
    public static DataSetColumnType Json => new(DataSetTypeKind.Json, 0, 0);

    /// <summary><c>decimal(precision,scale)</c>.</summary>
    /// <param name="precision">Total digits, 1 to 38.</param>
    /// <param name="scale">Digits after the point, 0 to <paramref name="precision"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The precision or scale is out of range.</exception>
    public static DataSetColumnType Decimal(int precision, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, 38);
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, precision);
        return new(DataSetTypeKind.Decimal, precision, scale);
    }

    /// <summary>
    /// Reads a type as the contract writes it: <c>int32</c>, <c>int64</c>, <c>float64</c>, <c>decimal(p,s)</c>,
    /// <c>bool</c>, <c>string</c>, <c>date</c>, <c>timestamp</c> or <c>json</c> (lower case, no spaces but
    /// after the comma of a decimal).
    /// </summary>
    /// <param name="text">The type's name.</param>
    /// <param name="type">The type, when the name is one of them.</param>
    /// <returns>Whether <paramref name="text"/> names a type.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out DataSetColumnType type)
    {
        type = default;
        switch (text)
        {
            case "int32": type = Int32; return true;
            case "int64": type = Int64; return true;
            case "float64": type = Float64; return true;
            case "bool": type = Bool; return true;
            case "string": type = String; return true;
            case "date": type = Date; return true;
            case "timestamp": type = Timestamp; return true;
            case "json": type = Json; return true;
        }

        if (!text.StartsWith("decimal(", StringComparison.Ordinal) || !text.EndsWith(")", StringComparison.Ordinal))
        {
            return false;
        }

        var inner = text[8..^1];
        var comma = inner.IndexOf(',');
        if (comma < 0)
        {
            return false;
        }

        if (!int.TryParse(inner[..comma], NumberStyles.None, CultureInfo.InvariantCulture, out var precision)
            || !int.TryParse(inner[(comma + 1)..].TrimStart(' '), NumberStyles.None, CultureInfo.InvariantCulture, out var scale)
            || precision is < 1 or > 38 || scale > precision)
        {
            return false;
        }

        type = new(DataSetTypeKind.Decimal, precision, scale);
        return true;
    }

    /// <summary>The type as the contract writes it, e.g. <c>decimal(12,2)</c>.</summary>
    public override string ToString() => Kind switch
    {
        DataSetTypeKind.Int32 => "int32",
        DataSetTypeKind.Int64 => "int64",
        DataSetTypeKind.Float64 => "float64",
        DataSetTypeKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"decimal({Precision},{Scale})"),
        DataSetTypeKind.Bool => "bool",
        DataSetTypeKind.String => "string",
        DataSetTypeKind.Date => "date",
        DataSetTypeKind.Timestamp => "timestamp",
        _ => "json",
    };
}
