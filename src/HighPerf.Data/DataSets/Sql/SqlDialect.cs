namespace HighPerf.Data.DataSets.Sql;

/// <summary>
/// What differs between the stores' SQL; everything else the registry writes (quoted identifiers, <c>$n</c>
/// placeholders, aggregates, <c>FILTER</c>, <c>FLOAT8</c>, <c>VARCHAR</c>) reads the same on DuckDB and PostgreSQL.
/// </summary>
internal sealed class SqlDialect
{
    private readonly bool _postgres;

    private SqlDialect(bool postgres) => _postgres = postgres;

    internal static SqlDialect DuckDb { get; } = new(postgres: false);

    internal static SqlDialect Postgres { get; } = new(postgres: true);

    /// <summary>The column's SQL type in this store.</summary>
    internal string ColumnType(DataSetColumnType type) => _postgres ? DataSetTypeMap.PostgresType(type) : DataSetTypeMap.DuckDbType(type);

    /// <summary>The hidden column that orders rows as stored, for tables without a primary key: DuckDB's rowid, PostgreSQL's ctid.</summary>
    internal string StorageOrder => _postgres ? "ctid" : "rowid";

    /// <summary>
    /// The count of values of a json column that are not valid JSON. PostgreSQL's jsonb parses every value on the
    /// way in, so none can be invalid there; DuckDB's JSON type is text underneath and is checked.
    /// </summary>
    internal string InvalidJsonCount(string quotedColumn) =>
        _postgres ? "0" : $"count(*) FILTER (WHERE NOT json_valid(CAST({quotedColumn} AS VARCHAR)))";

    /// <summary>Text ordered byte-wise (as DuckDB always does), so top values tie-break the same on both stores.</summary>
    internal string Binary(string expression) => _postgres ? expression + " COLLATE \"C\"" : expression;
}
