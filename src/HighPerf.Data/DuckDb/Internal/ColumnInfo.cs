using HighPerf.Data.Native;

namespace HighPerf.Data.DuckDb;

/// <summary>What a reader or writer needs to know of a column, read once per result or appender.</summary>
internal readonly struct ColumnInfo
{
    internal ColumnInfo(string name, DuckDbType type, DuckDbType storage, byte width, byte scale, string? alias)
    {
        Name = name;
        Type = type;
        Storage = storage;
        DecimalWidth = width;
        DecimalScale = scale;
        Alias = alias;
    }

    internal string Name { get; }

    /// <summary>The logical type.</summary>
    internal DuckDbType Type { get; }

    /// <summary>The physical type of the values: the type itself, or for DECIMAL the integer type holding the unscaled value.</summary>
    internal DuckDbType Storage { get; }

    internal byte DecimalWidth { get; }

    internal byte DecimalScale { get; }

    /// <summary>A type alias such as JSON, or <see langword="null"/>.</summary>
    internal string? Alias { get; }

    /// <summary>Bytes per value in a flat vector, or 0 when values are not fixed-width primitives (strings, nested types).</summary>
    internal int ValueSize => SizeOf(Storage);

    internal static ColumnInfo From(string name, SafeLogicalTypeHandle type)
    {
        var id = NativeMethods.GetTypeId(type);
        var alias = NativeMethods.TakeString(NativeMethods.LogicalTypeGetAlias(type));
        return id == DuckDbType.Decimal
            ? new ColumnInfo(name, id, NativeMethods.DecimalInternalType(type), NativeMethods.DecimalWidth(type), NativeMethods.DecimalScale(type), alias)
            : new ColumnInfo(name, id, id, 0, 0, alias);
    }

    internal static int SizeOf(DuckDbType storage) => storage switch
    {
        DuckDbType.Boolean or DuckDbType.TinyInt or DuckDbType.UTinyInt => 1,
        DuckDbType.SmallInt or DuckDbType.USmallInt => 2,
        DuckDbType.Integer or DuckDbType.UInteger or DuckDbType.Float or DuckDbType.Date => 4,
        DuckDbType.BigInt or DuckDbType.UBigInt or DuckDbType.Double or DuckDbType.Timestamp or DuckDbType.Time
            or DuckDbType.TimestampS or DuckDbType.TimestampMs or DuckDbType.TimestampNs or DuckDbType.TimestampTz
            or DuckDbType.TimeTz or DuckDbType.TimeNs => 8,
        DuckDbType.HugeInt or DuckDbType.UHugeInt or DuckDbType.Uuid or DuckDbType.Interval => 16,
        _ => 0,
    };
}
