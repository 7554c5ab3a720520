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
///
/// Any PostgreSQL query read as Arrow (<see cref="PostgresArrowClient"/>), and Arrow written back by binary COPY:
///
/// | PostgreSQL | Arrow read | Arrow accepted on insert |
/// |---|---|---|
/// | smallint (int2) | int16 | int16 |
/// | integer (int4) | int32 | int16, int32 |
/// | bigint (int8) | int64 | int16, int32, int64 |
/// | real (float4) | float32 | float32 |
/// | double precision (float8) | float64 | float32, float64 |
/// | numeric(p,s), p &lt;= 38 | decimal128(p,s) | decimal128 (any), utf8 (decimal text) |
/// | numeric unconstrained, or p &gt; 38 | utf8: the exact decimal text, <c>NaN</c>/<c>Infinity</c>/<c>-Infinity</c> included | decimal128, utf8 |
/// | boolean | bool | bool |
/// | text, varchar, char(n), name | utf8 | utf8 |
/// | bytea | binary | binary |
/// | date | date32 (infinity as int32 max/min) | date32 |
/// | timestamp | timestamp[us] (no zone; infinity as int64 max/min) | timestamp of any unit and zone |
/// | timestamptz | timestamp[us, tz=UTC] (the instant) | timestamp of any unit and zone |
/// | json, jsonb | utf8 (the JSON text; jsonb in PostgreSQL's normalized form) | utf8 |
/// | uuid | utf8, 36 lower-case characters with hyphens (field metadata <c>ARROW:extension:name</c> is not set: the Arrow canonical uuid is a fixed_size_binary(16), which this Arrow lacks) | utf8 (any hex case) |
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
    /// The Arrow type PostgreSQL values of the type <paramref name="oid"/> are read as, or <see langword="null"/> when the
    /// type is not mapped (see the table above).
    /// </summary>
    /// <param name="oid">The PostgreSQL type's OID.</param>
    /// <param name="precision">A numeric's declared precision, or <see langword="null"/> when unconstrained.</param>
    /// <param name="scale">A numeric's declared scale.</param>
    internal static ArrowType? PostgresToArrow(uint oid, int? precision, int? scale) => oid switch
    {
        Postgres.PgOid.Int2 => Arrow.ArrowType.Int16,
        Postgres.PgOid.Int4 => Arrow.ArrowType.Int32,
        Postgres.PgOid.Int8 => Arrow.ArrowType.Int64,
        Postgres.PgOid.Float4 => Arrow.ArrowType.Float32,
        Postgres.PgOid.Float8 => Arrow.ArrowType.Float64,
        // Npgsql reports no scale for numeric(p) and numeric(p,0).
        Postgres.PgOid.Numeric => precision is >= 1 and <= 38 && (scale ?? 0) is var s && s >= 0 && s <= precision
            ? Arrow.ArrowType.Decimal128(precision.Value, s)
            : Arrow.ArrowType.Utf8,
        Postgres.PgOid.Bool => Arrow.ArrowType.Boolean,
        Postgres.PgOid.Text or Postgres.PgOid.Varchar or Postgres.PgOid.Bpchar or Postgres.PgOid.Name => Arrow.ArrowType.Utf8,
        Postgres.PgOid.Json or Postgres.PgOid.Jsonb or Postgres.PgOid.Uuid => Arrow.ArrowType.Utf8,
        Postgres.PgOid.Bytea => Arrow.ArrowType.Binary,
        Postgres.PgOid.Date => Arrow.ArrowType.Date32,
        Postgres.PgOid.Timestamp => Arrow.ArrowType.TimestampMicrosecond,
        Postgres.PgOid.TimestampTz => Arrow.ArrowType.TimestampMicrosecondUtc,
        _ => null,
    };

    /// <summary>Whether Arrow values of <paramref name="arrow"/> can be written into a PostgreSQL column of type <paramref name="oid"/> (see the table above).</summary>
    /// <param name="arrow">The Arrow column's type.</param>
    /// <param name="oid">The PostgreSQL column's type OID.</param>
    internal static bool PostgresAccepts(ArrowType arrow, uint oid) => oid switch
    {
        Postgres.PgOid.Int2 => arrow.Id == ArrowTypeId.Int16,
        Postgres.PgOid.Int4 => arrow.Id is ArrowTypeId.Int16 or ArrowTypeId.Int32,
        Postgres.PgOid.Int8 => arrow.Id is ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64,
        Postgres.PgOid.Float4 => arrow.Id == ArrowTypeId.Float32,
        Postgres.PgOid.Float8 => arrow.Id is ArrowTypeId.Float32 or ArrowTypeId.Float64,
        Postgres.PgOid.Numeric => arrow.Id is ArrowTypeId.Decimal128 or ArrowTypeId.Utf8,
        Postgres.PgOid.Bool => arrow.Id == ArrowTypeId.Boolean,
        Postgres.PgOid.Text or Postgres.PgOid.Varchar or Postgres.PgOid.Bpchar or Postgres.PgOid.Name
            or Postgres.PgOid.Json or Postgres.PgOid.Jsonb or Postgres.PgOid.Uuid => arrow.Id == ArrowTypeId.Utf8,
        Postgres.PgOid.Bytea => arrow.Id == ArrowTypeId.Binary,
        Postgres.PgOid.Date => arrow.Id == ArrowTypeId.Date32,
        Postgres.PgOid.Timestamp or Postgres.PgOid.TimestampTz => arrow.Id == ArrowTypeId.Timestamp,
        _ => false,
    } || arrow.Id == ArrowTypeId.Null;

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
