using System.Globalization;
using HighPerf.Data.Arrow;

namespace HighPerf.Data.DataSets;

/// <summary>
/// The one place where a data set's column types meet the stores' and Arrow's: the SQL type of each store
/// and the Arrow type its values travel in (what bulk bodies are parsed into, and what queries return).
/// </summary>
/// <remarks>
/// | data set | DuckDB | PostgreSQL | Arrow |
/// |---|---|---|---|
/// | int32 | INTEGER | integer | int32 |
/// | int64 | BIGINT | bigint | int64 |
/// | float64 | DOUBLE | double precision | float64 |
/// | decimal(p,s) | DECIMAL(p,s) | numeric(p,s) | decimal128(p,s) |
/// | bool | BOOLEAN | boolean | bool |
/// | string | VARCHAR | text | utf8 |
/// | date | DATE | date | date32 |
/// | timestamp | TIMESTAMPTZ | timestamptz | timestamp[us, tz=UTC] |
/// | json | JSON | jsonb | utf8 (the JSON text) |
/// </remarks>
public static class DataSetTypeMap
{
    /// <summary>The DuckDB SQL type of a column.</summary>
    /// <param name="type">The column's type.</param>
    public static string DuckDbType(DataSetColumnType type) => type.Kind switch
    {
        DataSetTypeKind.Int32 => "INTEGER",
        DataSetTypeKind.Int64 => "BIGINT",
        DataSetTypeKind.Float64 => "DOUBLE",
        DataSetTypeKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({type.Precision},{type.Scale})"),
        DataSetTypeKind.Bool => "BOOLEAN",
        DataSetTypeKind.String => "VARCHAR",
        DataSetTypeKind.Date => "DATE",
        DataSetTypeKind.Timestamp => "TIMESTAMPTZ",
        _ => "JSON",
    };

    /// <summary>The PostgreSQL SQL type of a column.</summary>
    /// <param name="type">The column's type.</param>
    public static string PostgresType(DataSetColumnType type) => type.Kind switch
    {
        DataSetTypeKind.Int32 => "integer",
        DataSetTypeKind.Int64 => "bigint",
        DataSetTypeKind.Float64 => "double precision",
        DataSetTypeKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"numeric({type.Precision},{type.Scale})"),
        DataSetTypeKind.Bool => "boolean",
        DataSetTypeKind.String => "text",
        DataSetTypeKind.Date => "date",
        DataSetTypeKind.Timestamp => "timestamptz",
        _ => "jsonb",
    };

    /// <summary>The Arrow type a column's values travel in.</summary>
    /// <param name="type">The column's type.</param>
    public static ArrowType ArrowType(DataSetColumnType type) => type.Kind switch
    {
        DataSetTypeKind.Int32 => Arrow.ArrowType.Int32,
        DataSetTypeKind.Int64 => Arrow.ArrowType.Int64,
        DataSetTypeKind.Float64 => Arrow.ArrowType.Float64,
        DataSetTypeKind.Decimal => Arrow.ArrowType.Decimal128(type.Precision, type.Scale),
        DataSetTypeKind.Bool => Arrow.ArrowType.Boolean,
        DataSetTypeKind.Date => Arrow.ArrowType.Date32,
        DataSetTypeKind.Timestamp => Arrow.ArrowType.TimestampMicrosecondUtc,
        _ => Arrow.ArrowType.Utf8,
    };

    /// <summary>The Arrow schema of a data set's rows, columns in declared order.</summary>
    /// <param name="definition">The data set.</param>
    public static Schema ArrowSchema(DataSetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var fields = new Field[definition.Columns.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var column = definition.Columns[i];
            fields[i] = new Field(column.Name, ArrowType(column.Type), column.Nullable);
        }

        return new Schema(fields);
    }

    /// <summary>
    /// Whether Arrow values of <paramref name="arrow"/> can go into a column of <paramref name="type"/> without loss:
    /// its own Arrow type, a narrower integer, float32 for float64, a timestamp of any unit and zone, a decimal of the
    /// same scale and no more digits, utf8 for string and json.
    /// </summary>
    /// <param name="arrow">The incoming Arrow type.</param>
    /// <param name="type">The column's type.</param>
    public static bool Accepts(ArrowType arrow, DataSetColumnType type)
    {
        ArgumentNullException.ThrowIfNull(arrow);
        return type.Kind switch
        {
            DataSetTypeKind.Int32 => arrow.Id is ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.UInt8 or ArrowTypeId.UInt16,
            DataSetTypeKind.Int64 => arrow.Id is ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64
                or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32,
            DataSetTypeKind.Float64 => arrow.Id is ArrowTypeId.Float32 or ArrowTypeId.Float64,
            DataSetTypeKind.Decimal => arrow.Id == ArrowTypeId.Decimal128 && arrow.Scale == type.Scale && arrow.Precision <= type.Precision,
            DataSetTypeKind.Bool => arrow.Id == ArrowTypeId.Boolean,
            DataSetTypeKind.Date => arrow.Id == ArrowTypeId.Date32,
            DataSetTypeKind.Timestamp => arrow.Id == ArrowTypeId.Timestamp,
            _ => arrow.Id == ArrowTypeId.Utf8,
        } || arrow.Id == ArrowTypeId.Null;
    }
}
